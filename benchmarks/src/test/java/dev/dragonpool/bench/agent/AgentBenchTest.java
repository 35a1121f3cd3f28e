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
    b.checkAgent();
  }

  @Test
  void agent_on_without_an_agent_fails_the_trial() {
    AgentBench b = new AgentBench();
    b.agent = "on";
    IllegalStateException e = assertThrows(IllegalStateException.class, b::checkAgent);
    assertTrue(e.getMessage().startsWith("agent=on but Pooling.isPooled says SmallPooled=false"),
        e.getMessage());
  }

  @Test
  void unknown_agent_value_is_rejected() {
    AgentBench b = new AgentBench();
    b.agent = "maybe";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::checkAgent);
    assertEquals("agent must be 'on' or 'off', got 'maybe'", e.getMessage());
  }

  @Test
  void expensive_object_keeps_its_buffer_size_and_rebuilds_its_map() {
    ExpensivePooled e = new ExpensivePooled(3);
    assertEquals(ExpensivePooled.BUFFER_BYTES, e.buffer.length);
    assertEquals(8, e.index.size());
    assertEquals(1, e.encode(0));
  }
}
