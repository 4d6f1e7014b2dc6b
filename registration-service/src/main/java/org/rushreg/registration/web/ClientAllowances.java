package org.rushreg.registration.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * An allowance of requests per client and period: a token bucket per client (Bucket4j) in a cache of bounded size
 * (Caffeine). A bucket idle for a whole period is full again, so dropping it then forgets nothing. Past
 * {@code maxClients} the cache evicts the clients least likely to come back (Caffeine's W-TinyLFU keeps the
 * frequent ones), so a flood of fresh addresses costs the busy clients nothing and memory stays bounded.
 */
public final class ClientAllowances {

    private final Cache<String, Bucket> buckets;
    private final Bandwidth allowance;

    public ClientAllowances(int perClient, Duration period, long maxClients) {
        if (perClient < 1) {
            throw new IllegalArgumentException("an allowance needs at least one request per period, not " + perClient);
        }
        this.allowance = Bandwidth.builder().capacity(perClient).refillIntervally(perClient, period).build();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(period)
                // Evicting on the caller's thread keeps the bound exact instead of waiting for a pool.
                .executor(Runnable::run)
                .build();
    }

    /** Takes one request from the client's allowance: {@link Duration#ZERO} if there was one, else the wait. */
    public Duration take(String client) {
        ConsumptionProbe probe = buckets.get(client, c -> Bucket.builder().addLimit(allowance).build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** How many clients are tracked now. */
    long tracked() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
