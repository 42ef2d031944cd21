package dev.hangar.gateway.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recurring time window that overrides {@code minIdle} and warm pool size while it is active,
 * e.g. working hours: {@code days: [mon-fri], from: "08:00", to: "18:00", zone: Europe/Berlin}.
 * A window whose {@code to} is not after {@code from} runs past midnight into the next day.
 *
 * @param days days the window starts on: {@code mon}..{@code sun}, ranges like {@code mon-fri}
 * @param from start time of day, inclusive ({@code HH:mm})
 * @param to end time of day, exclusive ({@code HH:mm})
 * @param zone time zone id (default UTC)
 * @param minIdle idle runners to keep while active, null = unchanged
 * @param warmPoolSize warm pool size of every warm tier while active, null = unchanged
 */
public record Schedule(
    List<String> days, String from, String to, String zone, Integer minIdle, Integer warmPoolSize) {
  private static final List<String> DAY_NAMES =
      List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  public Schedule {
    days = normalizeDays(days == null || days.isEmpty() ? List.of("mon-sun") : days);
    zone = zone == null ? "UTC" : zone;
    parseTime("from", from);
    parseTime("to", to);
    try {
      ZoneId.of(zone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("zone: must be a time zone id like Europe/Berlin or UTC");
    }
    if (minIdle != null && minIdle < 0) {
      throw new IllegalArgumentException("minIdle: must be >= 0");
    }
    if (warmPoolSize != null && warmPoolSize < 0) {
      throw new IllegalArgumentException("warmPoolSize: must be >= 0");
    }
  }

  /** True when the window covers the instant. */
  public boolean activeAt(Instant now) {
    ZonedDateTime local = now.atZone(ZoneId.of(zone));
    LocalTime t = local.toLocalTime();
    LocalTime start = LocalTime.parse(from);
    LocalTime end = LocalTime.parse(to);
    DayOfWeek day = local.getDayOfWeek();
    if (start.isBefore(end)) {
      return startsOn(day) && !t.isBefore(start) && t.isBefore(end);
    }
    // Overnight window: the evening part belongs to today, the morning part to yesterday.
    return (startsOn(day) && !t.isBefore(start)) || (startsOn(day.minus(1)) && t.isBefore(end));
  }

  private boolean startsOn(DayOfWeek day) {
    return days.contains(DAY_NAMES.get(day.getValue() - 1));
  }

  private static LocalTime parseTime(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": required (HH:mm)");
    }
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": must be a time of day HH:mm");
    }
  }

  private static List<String> normalizeDays(List<String> raw) {
    List<String> out = new ArrayList<>();
    for (int n = 0; n < raw.size(); n++) {
      String e = raw.get(n) == null ? "" : raw.get(n).trim().toLowerCase(Locale.ROOT);
      int dash = e.indexOf('-');
      int a = dayIndex(dash < 0 ? e : e.substring(0, dash), n);
      int b = dash < 0 ? a : dayIndex(e.substring(dash + 1), n);
      for (int i = a; ; i = (i + 1) % 7) {
        addDay(out, i);
        if (i == b) {
          break;
        }
      }
    }
    return List.copyOf(out);
  }

  private static void addDay(List<String> out, int index) {
    String name = DAY_NAMES.get(index);
    if (!out.contains(name)) {
      out.add(name);
    }
  }

  private static int dayIndex(String name, int entry) {
    String key = name.length() >= 3 ? name.substring(0, 3) : name;
    int i = DAY_NAMES.indexOf(key);
    if (i < 0) {
      throw new IllegalArgumentException("days[" + entry + "]: must be mon..sun or a range like mon-fri");
    }
    return i;
  }
}
