package io.switchboard.proxy;

/** Placeholder entry point replaced when the server lands. */
public final class Main {
  public static void main(String[] args) {}
}
