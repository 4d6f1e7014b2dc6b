/**
 * The Kafka Streams shell around the allocation rules: reads the command log, keeps the ledger in state stores
 * (in memory + changelog), forwards outcomes to their topics. Built without Spring so a test can drive the same
 * topology.
 */
package org.rushreg.capacity.stream;
