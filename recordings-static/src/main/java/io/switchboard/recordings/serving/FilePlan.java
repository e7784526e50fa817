package io.switchboard.recordings.serving;

import static java.util.Objects.requireNonNull;

/**
 * How a file request is answered once its validators and range are weighed ({@link ConditionalRequest#plan}): 304,
 * 200 with the whole file, 206 with one slice, or 416.
 */
sealed interface FilePlan permits FilePlan.NotModified, FilePlan.Whole, FilePlan.Partial, FilePlan.Unsatisfiable {
  NotModified NOT_MODIFIED = new NotModified();
  Whole WHOLE = new Whole();
  Unsatisfiable UNSATISFIABLE = new Unsatisfiable();

  record NotModified() implements FilePlan {}

  record Whole() implements FilePlan {}

  record Partial(RangeHeader.Slice slice) implements FilePlan {
    public Partial {
      requireNonNull(slice, "slice");
    }
  }

  record Unsatisfiable() implements FilePlan {}

  static FilePlan of(RangeHeader range) {
    if (range instanceof RangeHeader.Slice slice) {
      return new Partial(slice);
    }
    return range instanceof RangeHeader.Unsatisfiable ? UNSATISFIABLE : WHOLE;
  }
}
