package dev.modelchange.it.openliberty;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The test's window into the application.
 * <ul>
 * <li>{@code GET /api/status}: this instance, and what {@link BookObserver} saw, as JSON</li>
 * <li>{@code GET /api/thread-probe}: whether a thread of Liberty's DefaultManagedThreadFactory can be renamed</li>
 * <li>{@code POST /api/books?title=..&author=..}: inserts a book, answers {@code {"id": ".."}}</li>
 * <li>{@code PUT /api/books/<id>?title=..}: sets its title</li>
 * <li>{@code DELETE /api/books/<id>}: deletes it</li>
 * </ul>
 */
@WebServlet("/api/*")
public class BooksServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject
  transient BookObserver observer;
  @Inject
  transient BookStore store;
  @Inject
  transient StartupWriter startup;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = String.valueOf(req.getPathInfo());
    if (path.equals("/status")) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("instance", observer.instance());
      m.put("createdAt", observer.createdAt().toString());
      m.put("failures", observer.failures());
      m.put("gaps", observer.gaps());
      m.put("startupBook", startup.bookId());
      List<Object> list = new ArrayList<>();
      for (BookObserver.Delivery d : observer.deliveries()) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("operation", d.operation());
        o.put("id", d.id());
        o.put("title", d.title());
        o.put("thread", d.thread());
        o.put("threadClass", d.threadClass());
        o.put("manageableThread", d.manageableThread());
        list.add(o);
      }
      m.put("deliveries", list);
      json(resp, 200, m);
    } else if (path.equals("/thread-probe")) {
      json(resp, 200, threadProbe());
    } else {
      resp.sendError(404);
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!"/books".equals(req.getPathInfo())) {
      resp.sendError(404);
      return;
    }
    String id = store.insert(req.getParameter("title"), req.getParameter("author"));
    json(resp, 201, Map.of("id", id));
  }

  @Override
  protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String id = bookId(req);
    resp.setStatus(id != null && store.updateTitle(id, req.getParameter("title")) ? 204 : 404);
  }

  @Override
  protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String id = bookId(req);
    resp.setStatus(id != null && store.delete(id) ? 204 : 404);
  }

  private static String bookId(HttpServletRequest req) {
    String p = req.getPathInfo();
    return p != null && p.startsWith("/books/") && p.length() > 7 ? p.substring(7) : null;
  }

  /** Makes (and never starts) a thread of the container's factory, as ModelChange does, and tries to rename it. */
  private static Map<String, Object> threadProbe() {
    Map<String, Object> m = new LinkedHashMap<>();
    try {
      ThreadFactory f = (ThreadFactory) new InitialContext().lookup("java:comp/DefaultManagedThreadFactory");
      Thread t = f.newThread(() -> {});
      m.put("threadClass", t.getClass().getName());
      m.put("nameBefore", t.getName());
      try {
        t.setName("modelchange-probe");
        m.put("setName", "returned");
      } catch (RuntimeException e) {
        m.put("setName", "threw " + e);
      }
      m.put("nameAfter", t.getName());
    } catch (NamingException e) {
      m.put("error", e.toString());
    }
    return m;
  }

  private static void json(HttpServletResponse resp, int status, Object value) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    resp.getWriter().write(sb.append('\n').toString());
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean || v instanceof Number) {
      sb.append(v);
    } else if (v instanceof Map<?, ?> map) {
      sb.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(sep);
        write(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
        sep = ",";
      }
      sb.append('}');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      String sep = "";
      for (Object o : list) {
        sb.append(sep);
        write(sb, o);
        sep = ",\n ";
      }
      sb.append(']');
    } else {
      sb.append('"');
      for (char c : v.toString().toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> {
            if (c < 0x20) {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      sb.append('"');
    }
  }
}
