package dev.appliance.env.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvSchemaTest {

  @Test
  void aKeyConstantKnowsItsPathInTheTree() {
    assertEquals("appliance/domain", EnvSchema.path(EnvSchema.DOMAIN));
    assertEquals("appliance/ssl/letsencrypt/enabled", EnvSchema.path(EnvSchema.LETSENCRYPT_ENABLED));
    assertEquals("appliance/users/N/name", EnvSchema.path(EnvSchema.USER_NAME));
    assertEquals("ssh_authorized_keys", EnvSchema.path(EnvSchema.SSH_AUTHORIZED_KEYS));
  }

  @Test
  void equalKeysInTwoPlacesKeepTheirOwnPaths() {
    assertEquals(EnvSchema.DATA_IGNORE, EnvSchema.VOLATILE_IGNORE);
    assertEquals("appliance/storage/data/ignore", EnvSchema.path(EnvSchema.DATA_IGNORE));
    assertEquals("appliance/storage/volatile/ignore", EnvSchema.path(EnvSchema.VOLATILE_IGNORE));
  }

  @Test
  void everyKeyConstantIsInTheSchemaAtAPathOfItsOwn() throws IllegalAccessException {
    List<java.lang.reflect.Field> constants = Arrays.stream(EnvSchema.class.getFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == Field.class).toList();
    Set<String> paths = new HashSet<>();
    for (java.lang.reflect.Field constant : constants) {
      String path = EnvSchema.path((Field) constant.get(null));
      assertTrue(paths.add(path), constant.getName() + " shares its path " + path);
    }
  }

  @Test
  void aFieldFromElsewhereIsRefused() {
    Field stray = Field.of("domain", EnvSchema.DOMAIN.shape(), "x", "A copy that is not in the schema.");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnvSchema.path(stray));
    assertEquals("the key 'domain' is not part of the env schema", e.getMessage());
  }
}
