package dev.appliance.steps;

import dev.appliance.env.model.EnvConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code ${NAME}} in stack.yml can refer to: {@code app/settings} and {@code app/secrets} by name, the
 * database's name and password, the domain, the environment (production, staging, ...), and the ports the front
 * proxy publishes.
 */
public final class StackVariables {

  private StackVariables() {}

  public static Map<String, String> of(EnvConfig env, int httpPort, int httpsPort) {
    Map<String, String> variables = new HashMap<>(env.app().settings());
    env.app().secrets().forEach((name, secret) -> variables.put(name, secret.reveal()));
    variables.put("DATABASE_NAME", env.app().databaseName());
    variables.put("DATABASE_PASSWORD", env.app().databasePassword().reveal());
    variables.put("APPLIANCE_DOMAIN", env.appliance().domain().name());
    variables.put("APPLIANCE_ENVIRONMENT", env.appliance().environment().name().toLowerCase(java.util.Locale.ROOT));
    variables.put("APPLIANCE_HTTP_PORT", Integer.toString(httpPort));
    variables.put("APPLIANCE_HTTPS_PORT", Integer.toString(httpsPort));
    return variables;
  }
}
