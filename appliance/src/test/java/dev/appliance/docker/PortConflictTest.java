package dev.appliance.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.engine.PortTakenException;
import org.junit.jupiter.api.Test;

/** The forms of Docker's answer for a taken port, read for the port without a running engine. */
class PortConflictTest {

  @Test
  void eachFormOfTheAnswerGivesThePortAndHowToFindItsHolder() {
    String prefix = "Status 500: {\"message\":\"driver failed programming external connectivity on endpoint reference-front: ";
    for (String[] answer : new String[][] {
        {prefix + "Error starting userland proxy: listen tcp4 0.0.0.0:8443: bind: address already in use\"}", "0.0.0.0"},
        {prefix + "Error starting userland proxy: listen tcp6 [::]:8443: bind: address already in use\"}", "[::]"},
        {prefix + "Bind for 127.0.0.1:8443 failed: port is already allocated\"}", "127.0.0.1"}}) {
      PortTakenException taken = PortConflict.in(answer[0], "reference-front", "front").orElseThrow();
      assertEquals(8443, taken.port());
      assertTrue(taken.getMessage().startsWith("reference-front cannot start: port 8443 on " + answer[1] + " is taken;"),
          taken.getMessage());
      assertTrue(taken.getMessage().contains("ss -ltnp 'sport = :8443'") && !taken.getMessage().contains("{"),
          taken.getMessage());
    }
    assertTrue(PortConflict.in("Status 500: {\"message\":\"no such image\"}", "reference-front", "front").isEmpty());
    assertTrue(PortConflict.in(null, "reference-front", "front").isEmpty());
  }
}
