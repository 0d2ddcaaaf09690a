package dev.appliance.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/** The database container of a test's appliance, asked as its postgres user: what psql and pg_dump print. */
public record DatabaseShell(DockerClient docker, String container) {

  /** What psql prints for {@code sql} in the database {@code app}, unaligned, tuples only. */
  public String psql(String sql) throws InterruptedException {
    return exec("psql", "-X", "-At", "--dbname=app", "-c", sql);
  }

  /** The schema of {@code app} as pg_dump writes it, without owners. */
  public String schema() throws InterruptedException {
    // pg_dump's \\restrict line carries a random key of each run.
    return exec("pg_dump", "--schema-only", "--no-owner", "--dbname=app").lines()
        .filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict")).toList().toString();
  }

  /** What {@code command} prints (standard output and error), stripped. */
  public String exec(String... command) throws InterruptedException {
    var exec = docker.execCreateCmd(container).withUser("postgres").withAttachStdout(true).withAttachStderr(true)
        .withCmd(command).exec();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    docker.execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        out.writeBytes(frame.getPayload());
      }
    }).awaitCompletion(60, TimeUnit.SECONDS);
    return out.toString().strip();
  }
}
