package dev.appliance.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client that asks the front again and again on a thread of its own while something happens to it (a reload, a
 * restart): how many requests were answered 200, what the others got, and the longest time without an answer.
 */
public final class FrontLoop {

  /** One request; its HTTP status. */
  @FunctionalInterface
  public interface Request {
    int status() throws Exception;
  }

  /** What the client saw: the moment of each answer, from the loop's start, which {@code lasted} so long. */
  public record Seen(List<Duration> answers, List<String> failures, Duration lasted) {

    public int answered() {
      return answers.size();
    }

    /** The longest time from the start, or an answer, to the next answer or the end of the loop. */
    public Duration longestGap() {
      return longestGapBetween(Duration.ZERO, lasted);
    }

    /** The longest time without an answer that overlaps the moments {@code from} to {@code to}. */
    public Duration longestGapBetween(Duration from, Duration to) {
      List<Duration> bounds = new ArrayList<>(List.of(Duration.ZERO));
      bounds.addAll(answers);
      bounds.add(lasted);
      Duration longest = Duration.ZERO;
      for (int i = 1; i < bounds.size(); i++) {
        if (bounds.get(i).compareTo(from) >= 0 && bounds.get(i - 1).compareTo(to) <= 0) {
          Duration gap = bounds.get(i).minus(bounds.get(i - 1));
          longest = gap.compareTo(longest) > 0 ? gap : longest;
        }
      }
      return longest;
    }
  }

  private final AtomicBoolean looping = new AtomicBoolean(true);
  private final List<Duration> answers = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final long started = System.nanoTime();
  private final Thread thread;

  private FrontLoop(Request request, Duration pace) {
    thread = new Thread(() -> loop(request, pace.toNanos()), "front-loop");
  }

  /** Starts a loop that sends {@code request} at most once per {@code pace} (ZERO: each as soon as the last ended). */
  public static FrontLoop start(Request request, Duration pace) {
    FrontLoop loop = new FrontLoop(request, pace);
    loop.thread.start();
    return loop;
  }

  /** Ends the loop after its current request (the thread's lists are read only after it ended). */
  public Seen stop() throws InterruptedException {
    looping.set(false);
    thread.join();
    return new Seen(List.copyOf(answers), List.copyOf(failures), Duration.ofNanos(System.nanoTime() - started));
  }

  private void loop(Request request, long pace) {
    while (looping.get()) {
      long began = System.nanoTime();
      try {
        int status = request.status();
        if (status == 200) {
          answers.add(Duration.ofNanos(System.nanoTime() - started));
        } else {
          failures.add("status " + status);
        }
      } catch (Exception e) {
        failures.add(e.toString());
      }
      long wait = began + pace - System.nanoTime();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
