package dev.appliance.reference;

import java.net.URI;
import java.util.List;
import redis.clients.jedis.JedisPooled;

/** The job queue in Redis: document ids waiting for their checksum. */
final class Queue implements AutoCloseable {

  static final String JOBS = "reference:checksum-jobs";

  private final JedisPooled redis;

  Queue(Settings settings) {
    this.redis = new JedisPooled(URI.create(settings.redisUrl()));
  }

  void push(long documentId) {
    redis.lpush(JOBS, Long.toString(documentId));
  }

  /** The next document id, waiting at most {@code seconds}; null when none came. */
  Long take(int seconds) {
    List<String> job = redis.brpop(seconds, JOBS);
    return job == null || job.size() < 2 ? null : Long.parseLong(job.get(1));
  }

  boolean alive() {
    return "PONG".equals(redis.ping());
  }

  @Override
  public void close() {
    redis.close();
  }
}
