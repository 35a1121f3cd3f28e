package dev.dragonpool.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Bounded single-producer single-consumer ring: the hand-off between the producer and the consumer
 * thread of every "free on the other thread" benchmark, identical for all peers so that its cost is
 * the same constant everywhere and shows on its own in the {@code new}/{@code heap} baselines.
 *
 * <p>Concurrency: one producer thread calls {@link #offer}, one consumer thread calls {@link #poll}.
 * A slot is empty when it holds {@code null}; the producer publishes an element with
 * {@code setRelease} on the slot and the consumer takes it with {@code getAcquire}, then empties the
 * slot with {@code setRelease}, which is what lets the producer reuse it. Each side's index is a
 * plain field written only by its own thread.
 *
 * <p>Memory layout: the producer index and the consumer index sit on different cache lines
 * (padding by inheritance), so the two threads do not false-share them. Neighbouring slots may
 * share a line; that cost is part of the measured hand-off. Nothing is allocated per element.
 *
 * @param <E> element type
 */
public final class SpscRing<E> extends SpscRingConsumerIndex {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final int SPINS = 64;

  private final Object[] slots;
  private final int mask;

  /**
   * Creates a ring.
   *
   * @param capacity a power of two, at least 2
   * @throws IllegalArgumentException if capacity is not a power of two of at least 2
   */
  public SpscRing(int capacity) {
    if (capacity < 2 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity must be a power of two >= 2, got " + capacity);
    }
    this.slots = new Object[capacity];
    this.mask = capacity - 1;
  }

  /**
   * What a side does while the ring is full (producer) or empty (consumer): spin briefly, then
   * yield the core. On a machine with fewer free cores than benchmark threads a pure spin would
   * burn the time slice the other side needs; yielding hands it over. Same for every peer.
   *
   * @param attempt how many times the caller has already waited for this element
   */
  public static void idle(int attempt) {
    if (attempt < SPINS) {
      Thread.onSpinWait();
    } else {
      Thread.yield();
    }
  }

  /**
   * Producer side: appends {@code e} unless the ring is full.
   *
   * @param e the element, not null
   * @return false if the ring is full
   */
  public boolean offer(E e) {
    int i = (int) producerIndex & mask;
    if (SLOTS.getAcquire(slots, i) != null) {
      return false;
    }
    SLOTS.setRelease(slots, i, e);
    producerIndex++;
    return true;
  }

  /**
   * Consumer side: removes the oldest element.
   *
   * @return the element, or null if the ring is empty
   */
  @SuppressWarnings("unchecked")
  public E poll() {
    int i = (int) consumerIndex & mask;
    Object e = SLOTS.getAcquire(slots, i);
    if (e == null) {
      return null;
    }
    SLOTS.setRelease(slots, i, null);
    consumerIndex++;
    return (E) e;
  }
}

/** Cache-line padding before the producer index. */
abstract class SpscRingPad0 {
  long p00, p01, p02, p03, p04, p05, p06, p07;
  long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** The producer's index, written only by the producer thread. */
abstract class SpscRingProducerIndex extends SpscRingPad0 {
  long producerIndex;
}

/** Cache-line padding between the two indexes. */
abstract class SpscRingPad1 extends SpscRingProducerIndex {
  long p20, p21, p22, p23, p24, p25, p26, p27;
  long p30, p31, p32, p33, p34, p35, p36, p37;
}

/** The consumer's index, written only by the consumer thread; padded after. */
abstract class SpscRingConsumerIndex extends SpscRingPad1 {
  long consumerIndex;
  long p40, p41, p42, p43, p44, p45, p46, p47;
  long p50, p51, p52, p53, p54, p55, p56, p57;
}
