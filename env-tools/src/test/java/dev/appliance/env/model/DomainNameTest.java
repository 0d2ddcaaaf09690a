package dev.appliance.env.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"example.org", "app.example.org", "localhost", "xn--mnchen-3ya.de", "a-1.b2.co"})
  void parsesAValidName(String name) {
    assertEquals(name, DomainName.parse(name).name());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "App.Example.org | 'App.Example.org' is not a valid domain name: it has capital letters; fix: write it in lower case: app.example.org",
      "example.org.    | 'example.org.' is not a valid domain name: it ends with a dot; fix: leave out the trailing dot",
      "https://a.org   | 'https://a.org' is not a valid domain name: it holds a URL; fix: write only the host name, like example.org",
      "192.168.1.10    | '192.168.1.10' is not a valid domain name: it is an IP address; fix: use the DNS name that points to the address",
      "a..org          | 'a..org' is not a valid domain name: it has an empty label (two dots in a row, or a leading dot); fix: remove the extra dot"})
  void refusesAnInvalidNameSayingWhyAndHowToFixIt(String name, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainName.parse(name));
    assertEquals(message, e.getMessage());
  }

  @Test
  void isEqualByName() {
    assertEquals(DomainName.parse("example.org"), new DomainName("example.org"));
    assertEquals(DomainName.parse("example.org").hashCode(), DomainName.parse("example.org").hashCode());
    assertNotEquals(DomainName.parse("example.org"), DomainName.parse("example.com"));
  }

  @Test
  void printsAsThePlainName() {
    DomainName domain = DomainName.parse("app.example.org");
    assertEquals("app.example.org", domain.toString());
    assertEquals("https://app.example.org/", "https://" + domain + "/");
  }
}
