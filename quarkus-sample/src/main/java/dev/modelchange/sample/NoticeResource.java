package dev.modelchange.sample;

import com.mongodb.client.model.Sorts;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** {@code GET /notices}: the notices of books added ({@link NewBookNotices}), the newest first, at most 100. */
@Path("/notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource {
  private static final int LIMIT = 100;

  @Inject
  LibraryDatabase db;

  @GET
  public List<BookNotice> list() {
    List<BookNotice> notices = new ArrayList<>();
    for (Document d : db.notices().find().sort(Sorts.descending("noticedAt")).limit(LIMIT)) {
      Date at = d.getDate("noticedAt");
      notices.add(new BookNotice(d.getObjectId("_id").toHexString(), d.getString("title"), d.getString("author"),
          d.getString("userId"), at == null ? null : at.toInstant()));
    }
    return notices;
  }
}
