package dev.modelchange.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The statistics of a figure and its printed line, {@code FIGURE <name>: <value> <unit> (baseline <value>, ratio
 * <value>) | <spread, notes>}, which {@code benchmarks.jar}'s runner collects: one format for the benchmarks on
 * Weld SE and on Quarkus.
 */
public final class Figures {
  /** What starts a figure's line in a figure JVM's output. */
  public static final String PREFIX = "FIGURE ";

  private Figures() {}

  public static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int n = s.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  public static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  public static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** Three significant digits, thousands separated: 1,230,000 / 98,700 / 12.3 / 0.456. */
  public static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      double scale = Math.pow(10, Math.floor(Math.log10(a)) - 2);
      return String.format(Locale.ROOT, "%,.0f", Math.round(v / scale) * scale);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /** min..max of {@code values}. */
  public static String range(List<Double> values) {
    return fmt(min(values)) + ".." + fmt(max(values));
  }

  /**
   * Prints one figure: the median of {@code values}, the median of {@code baseline}, the ratio (the median of
   * the paired ratios when {@code pairedRatios} is given, else the ratio of the medians), then the spread.
   */
  public static void print(String name, String unit, List<Double> values, List<Double> baseline,
      List<Double> pairedRatios, String note) {
    double v = median(values);
    double b = median(baseline);
    double r = pairedRatios != null && !pairedRatios.isEmpty() ? median(pairedRatios) : v / b;
    StringBuilder line = new StringBuilder(PREFIX).append(name).append(": ").append(fmt(v)).append(' ')
        .append(unit).append(" (baseline ").append(fmt(b)).append(", ratio ")
        .append(b == 0 || Double.isNaN(r) || Double.isInfinite(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r))
        .append(')');
    line.append(" | n=").append(values.size()).append(" range ").append(range(values));
    line.append("; baseline n=").append(baseline.size()).append(" range ").append(range(baseline));
    if (pairedRatios != null && !pairedRatios.isEmpty()) {
      line.append("; paired ratios ").append(String.format(Locale.ROOT, "%.2f..%.2f", min(pairedRatios),
          max(pairedRatios)));
    }
    if (note != null && !note.isEmpty()) {
      line.append("; ").append(note);
    }
    System.out.println(line);
    System.out.flush();
  }
}
