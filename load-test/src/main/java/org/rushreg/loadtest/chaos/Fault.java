package org.rushreg.loadtest.chaos;

/**
 * One thing done to the stack during a chaos run.
 *
 * @param atSeconds      when it was done, seconds after the first request of the rush
 * @param what           what was done
 * @param recoveredAfter seconds until the part answered again (NaN if not watched or never)
 */
public record Fault(double atSeconds, String what, double recoveredAfter) {
}
