package dev.appliance.app;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes that pass on their way: a dump that came out empty is refused. */
public final class CountingStream extends FilterOutputStream {

  private long bytes;

  public CountingStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    bytes += len;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    bytes++;
  }

  public long bytes() {
    return bytes;
  }
}
