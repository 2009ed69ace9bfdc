package dev.modelchange.tck.weld.instances;

import dev.modelchange.ChangeEvent;
import dev.modelchange.Delivery;
import dev.modelchange.ModelChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** The receiver of one instance of the group ({@code Delivery.ONE_INSTANCE}): a mailer, say. */
@ApplicationScoped
public class OneInstanceObserver {
  @Inject
  ReceiptsExtension receipts;

  void onJob(@Observes @ModelChange(value = Job.class, delivery = Delivery.ONE_INSTANCE) ChangeEvent<Job> e) {
    receipts.receipts().record(Receipts.ONE, e.id());
  }
}
