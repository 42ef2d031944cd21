package dev.hangar.gateway.observability;

/** What the job consumer records: {@code hangar.consumer.events{result}}. */
public interface ConsumerMetrics {
  /** Records nothing. */
  ConsumerMetrics NOOP = new ConsumerMetrics() {
    @Override
    public void stored() {}

    @Override
    public void refused() {}
  };

  /** The ledger accepted a queued event (its message is then deleted). */
  void stored();

  /** The ledger refused a queued event (its message is left for redelivery). */
  void refused();
}
