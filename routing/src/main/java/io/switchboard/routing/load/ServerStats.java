package io.switchboard.routing.load;

/**
 * What one successful poll of a server yields (spec §5.3): the load score for Scalelite's {@code server_load} set and
 * the statistics stored in the server hash ({@code meetings}, {@code users}, {@code largest_meeting}, {@code videos}).
 * Computed by {@link LoadFormula}.
 *
 * @param load Σ attendees of the non-breakout meetings (moderators counted twice, young meetings raised to the minimum)
 *     × the server's load multiplier
 * @param meetings the number of meetings, breakout rooms included
 * @param users Σ participantCount, breakout rooms included
 * @param largestMeeting the largest participantCount, 0 without meetings
 * @param videos Σ videoCount
 */
public record ServerStats(double load, int meetings, int users, int largestMeeting, int videos) {}
