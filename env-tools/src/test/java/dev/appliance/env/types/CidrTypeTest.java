package dev.appliance.env.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.spec.ScalarType.Complaint;
import dev.appliance.env.spec.ScalarValue;
import dev.appliance.env.spec.ScalarValue.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTypeTest {

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0/0", "192.0.2.0/24", "10.0.3.0/24", "203.0.113.7/32", "::/0", "2001:db8::/32",
      "fe80::/10"})
  void networksAsNftReadsThem(String network) {
    assertEquals(Optional.empty(), check(CidrType.network(), network));
  }

  /** Forms Java's address parser takes but nft refuses (10.0) or reads as another network (010.0.0.0 is 8.0.0.0). */
  @ParameterizedTest
  @ValueSource(strings = {"10.0/16", "010.0.0.0/8", "10.0.0.256/32", "1.2.3.4.5/8", "::ffff:10.0.0.0/104", "10.0.0.0",
      "10.0.0.0/33", "2001:db8::/129", "example.org/24"})
  void refusesWhatIsNotACanonicalNetwork(String text) {
    assertTrue(check(CidrType.network(), text).isPresent(), text);
  }

  @Test
  void aNetworkHasNoHostBitsButAnAddressDoes() {
    Complaint complaint = check(CidrType.network(), "10.0.3.1/24").orElseThrow();
    assertTrue(complaint.fix().contains("10.0.3.0/24"), complaint.fix());
    assertEquals(Optional.empty(), check(CidrType.address(), "10.77.0.1/24"));
  }

  private static Optional<Complaint> check(CidrType type, String text) {
    return type.check(new ScalarValue(text, Kind.STRING));
  }
}
