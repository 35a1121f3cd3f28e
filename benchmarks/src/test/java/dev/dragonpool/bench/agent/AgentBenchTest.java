package dev.dragonpool.bench.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The agent benchmark refuses to report a number under the wrong label. */
class AgentBenchTest {
  @Test
  void agent_off_passes_the_check_without_an_agent() {
    AgentBench b = new AgentBench();
    b.agent = "off";
    b.thread = "plain";
    b.checkAgent();
  }

  @Test
  void thread_ftl_on_a_plain_thread_fails_the_trial() {
    AgentBench b = new AgentBench();
    b.agent = "off";
    b.thread = "ftl";
    IllegalStateException e = assertThrows(IllegalStateException.class, b::checkAgent);
    assertTrue(e.getMessage().startsWith("thread=ftl but the benchmark runs on"), e.getMessage());
  }

  @Test
  void pinned_recycler_hands_back_the_same_instance_on_its_thread() {
    var r = SmallRecycled.pinned(false);
    SmallRecycled a = SmallRecycled.newInstance(r, 1, this);
    a.recycle();
    SmallRecycled b = SmallRecycled.newInstance(r, 2, this);
    assertTrue(a == b, "the pinned recycler pools on a plain thread");
    assertEquals(2, b.id);
  }

  @Test
  void agent_on_without_an_agent_fails_the_trial() {
    AgentBench b = new AgentBench();
    b.agent = "on";
    b.thread = "plain";
    IllegalStateException e = assertThrows(IllegalStateException.class, b::checkAgent);
    assertTrue(e.getMessage().startsWith("agent=on but Pooling.isPooled says SmallPooled=false"),
        e.getMessage());
  }

  @Test
  void unknown_agent_value_is_rejected() {
    AgentBench b = new AgentBench();
    b.agent = "maybe";
    b.thread = "plain";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::checkAgent);
    assertEquals("agent must be 'on' or 'off', got 'maybe'", e.getMessage());
  }

  @Test
  void expensive_object_sets_up_buffer_pattern_digest_and_cipher_and_uses_them() throws Exception {
    ExpensivePooled e = new ExpensivePooled(0);
    assertEquals(ExpensivePooled.BUFFER_BYTES, e.buffer.length);
    assertEquals(32, e.encode(0), "'Host: example.org' matches the header pattern");
    assertEquals(-64, e.encode(3), "'not a header' does not");
    byte[] block = new byte[16];
    javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/ECB/NoPadding");
    aes.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(new byte[] {
        0x2b, 0x7e, 0x15, 0x16, 0x28, (byte) 0xae, (byte) 0xd2, (byte) 0xa6,
        (byte) 0xab, (byte) 0xf7, 0x15, (byte) 0x88, 0x09, (byte) 0xcf, 0x4f, 0x3c}, "AES"));
    System.arraycopy(e.buffer, 32, block, 0, 16);
    assertTrue(java.util.Arrays.equals(aes.doFinal(block), java.util.Arrays.copyOfRange(e.buffer, 48, 64)),
        "the second block is the first one encrypted with the benchmark key");
  }
}
