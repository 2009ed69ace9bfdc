package dev.modelchange.examples.weldse;

import dev.modelchange.ModelChanges;
import dev.modelchange.Subscription;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * ModelChange on Weld SE: starts the container (which starts {@link BookLog}'s change streams), adds a listener at
 * run time, and logs the changes of books until Enter is pressed.
 */
public final class QuickStart {
  private static final Logger LOG = System.getLogger(QuickStart.class.getName());

  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    try (WeldContainer container = new Weld().initialize()) {
      ModelChanges modelChanges = container.select(ModelChanges.class).get();
      try (Subscription inserts = modelChanges.listenForInserts(Book.class,
          (id, book) -> LOG.log(Level.INFO, "New book {0}: \"{1}\"", id, book.getTitle()))) {
        LOG.log(Level.INFO, "Listening for changes of books; press Enter to stop");
        System.in.read();
      }
    }
  }
}
