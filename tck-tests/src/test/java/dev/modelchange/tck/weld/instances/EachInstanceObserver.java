package dev.modelchange.tck.weld.instances;

import dev.modelchange.ChangeEvent;
import dev.modelchange.ModelChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The receiver of every instance ({@code Delivery.EACH_INSTANCE}, the default): a cache, say. */
@ApplicationScoped
public class EachInstanceObserver {
  @Inject
  ReceiptsExtension receipts;

  void onJob(@Observes @ModelChange(Job.class) ChangeEvent<Job> e) {
    receipts.receipts().record(Receipts.EACH, e.id());
  }
}
