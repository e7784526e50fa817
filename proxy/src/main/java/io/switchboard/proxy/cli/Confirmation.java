package io.switchboard.proxy.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The {@code yes} Scalelite's destructive rake tasks ask for on stdin ({@code meetings:end}, {@code servers:disable}):
 * a warning on stderr — so stdout stays clean for {@code --output json} — then one line read from stdin; only
 * {@code yes}, in any case, goes ahead.
 */
final class Confirmation {
  private Confirmation() {}

  /** Whether the operator typed {@code yes} after {@code warning}; end of input or a read failure is a no. */
  static boolean confirmed(PrintWriter err, String warning) {
    err.println("WARNING: " + warning);
    err.println("If you still wish to continue please enter `yes`");
    err.flush();
    // Not closed: closing it would close System.in for the rest of the process.
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
    try {
      String answer = in.readLine();
      return answer != null && answer.strip().equalsIgnoreCase("yes");
    } catch (IOException unreadable) {
      return false;
    }
  }
}
