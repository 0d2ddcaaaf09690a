package dev.appliance.env.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

public class WireGuardKeyTest {

  @Test
  void thePublicHalfIsRfc7748sForItsTestVector() {
    // RFC 7748, section 6.1: Alice's key pair.
    String privateKey = base64("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    assertEquals(base64("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"),
        WireGuardKey.of(privateKey).publicKey());
  }

  @Test
  void aGeneratedKeyIsNewEachTimeAndItsPublicHalfIsTheJdksToo() throws Exception {
    SecretGenerator generator = new SecretGenerator(new SecureRandom());
    WireGuardKey one = WireGuardKey.generate(generator);
    WireGuardKey other = WireGuardKey.generate(generator);
    assertNotEquals(one.privateKey(), other.privateKey());
    assertEquals(44, one.privateKey().length());
    assertEquals(publicKeyByTheJdk(one.privateKey()), one.publicKey());
    assertEquals(one.publicKey(), WireGuardKey.of(one.privateKey()).publicKey());
  }

  @Test
  void aKeyOfAnotherLengthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> WireGuardKey.of(Base64.getEncoder().encodeToString(new byte[31])));
  }

  /** The public key by the JDK's own X25519: the private key times the base point, u = 9. */
  public static String publicKeyByTheJdk(String privateKey) throws GeneralSecurityException {
    KeyFactory factory = KeyFactory.getInstance("XDH");
    KeyAgreement agreement = KeyAgreement.getInstance("X25519");
    agreement.init(factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519,
        Base64.getDecoder().decode(privateKey))));
    agreement.doPhase(factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(9))), true);
    return Base64.getEncoder().encodeToString(agreement.generateSecret());
  }

  private static String base64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }
}
