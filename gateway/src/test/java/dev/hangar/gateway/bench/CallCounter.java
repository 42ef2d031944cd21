package dev.hangar.gateway.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS SDK calls by operation in this process, so the benchmark can divide CPU by calls
 * without touching the gateway's wiring: the SDK loads it as a global interceptor from the
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} resource that the
 * benchmark puts on the classpath.
 */
public final class CallCounter implements ExecutionInterceptor {
  private static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicLong())
        .incrementAndGet();
  }

  /** Calls so far by operation name. */
  static Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    CALLS.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Calls so far of the send operations (SendMessage and SendMessageBatch). */
  static long sends(Map<String, Long> calls) {
    return calls.getOrDefault("SendMessage", 0L) + calls.getOrDefault("SendMessageBatch", 0L);
  }
}
