package dev.appliance.reference;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The documents table. Version 2 also counts downloads (its migration adds the column). */
final class Documents {

  /** One document's metadata. */
  record Document(long id, String name, String uploaded, String sha256, Long size, int downloads) {}

  private final Settings settings;

  Documents(Settings settings) {
    this.settings = settings;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword());
  }

  /** A new document's content, which must be stored under the document's id before its row is committed. */
  interface Content {
    /** Stores the content under {@code id}. */
    void keepAs(long id) throws IOException;

    /** Removes what {@link #keepAs} stored under {@code id}, if anything. */
    void discard(long id) throws IOException;
  }

  /**
   * Adds a document named {@code name}: its row is committed only once {@code content} is kept under its id, and the
   * content is discarded when the commit fails, so that neither a row without content nor content without a row stays.
   */
  long add(String name, Content content) throws SQLException, IOException {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      long id = insert(c, name);
      try {
        content.keepAs(id);
        c.commit();
        return id;
      } catch (SQLException | IOException e) {
        // Closing the connection without a commit rolls the row back; the first failure is the one to report.
        try {
          content.discard(id);
        } catch (IOException discardFailed) {
          e.addSuppressed(discardFailed);
        }
        throw e;
      }
    }
  }

  private static long insert(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO documents(name) VALUES (?) RETURNING id")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  void recordChecksum(long id, String sha256, long size) throws SQLException {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE documents SET sha256 = ?, size = ? WHERE id = ?")) {
      s.setString(1, sha256);
      s.setLong(2, size);
      s.setLong(3, id);
      s.executeUpdate();
    }
  }

  void countDownload(long id) throws SQLException {
    if (settings.version() < 2) {
      return;
    }
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("UPDATE documents SET downloads = downloads + 1 WHERE id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  List<Document> list() throws SQLException {
    return query("", 0);
  }

  Optional<Document> get(long id) throws SQLException {
    return query(" WHERE id = ?", id).stream().findFirst();
  }

  private List<Document> query(String where, long id) throws SQLException {
    String downloads = settings.version() >= 2 ? "downloads" : "0";
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT id, name, to_char(uploaded, 'YYYY-MM-DD\"T\"HH24:MI:SSOF'),"
        + " sha256, size, " + downloads + " FROM documents" + where + " ORDER BY id")) {
      if (!where.isEmpty()) {
        s.setLong(1, id);
      }
      List<Document> documents = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long size = r.getLong(5);
          documents.add(new Document(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.wasNull() ? null : size,
              r.getInt(6)));
        }
      }
      return documents;
    }
  }
}
