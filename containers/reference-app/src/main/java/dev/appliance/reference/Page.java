package dev.appliance.reference;

import java.util.List;

/** The start page: the version, the documents, and a form to upload one. */
final class Page {

  private Page() {}

  static String render(int version, List<Documents.Document> documents) {
    StringBuilder rows = new StringBuilder();
    for (Documents.Document d : documents) {
      rows.append("<tr><td><a href=\"/documents/").append(d.id()).append("\">").append(escape(d.name())).append("</a></td><td>")
          .append(d.size() == null ? "" : d.size()).append("</td><td><code>").append(d.sha256() == null ? "pending" : d.sha256())
          .append("</code></td>").append(version >= 2 ? "<td>" + d.downloads() + "</td>" : "").append("</tr>\n");
    }
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Documents</title></head><body>\n"
        + "<h1>Documents</h1>\n<p>Reference application, version <strong id=\"version\">" + version + "</strong>.</p>\n"
        + "<table><tr><th>name</th><th>bytes</th><th>SHA-256</th>" + (version >= 2 ? "<th>downloads</th>" : "") + "</tr>\n"
        + rows + "</table>\n<input type=\"file\" id=\"file\"> <button onclick=\"upload()\">Upload</button>\n"
        + "<script>function upload(){const f=document.getElementById('file').files[0];if(!f)return;"
        + "fetch('/documents?name='+encodeURIComponent(f.name),{method:'POST',body:f}).then(()=>location.reload());}</script>\n"
        + "</body></html>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
