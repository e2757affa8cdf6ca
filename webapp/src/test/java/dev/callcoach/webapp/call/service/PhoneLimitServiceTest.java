package dev.callcoach.webapp.call.service;

import dev.callcoach.contracts.channel.PhoneLimitStatus;
import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.limit.IpLimitProperties;
import dev.callcoach.webapp.limit.IpLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** "Calls left" lookups tell whether a number was called, so each network gets a budget of them. */
class PhoneLimitServiceTest {

    private final ChannelClient channel = mock(ChannelClient.class);

    @Test
    void theLookupBudgetRunsOutPerNetworkAndTheBackendIsNotAskedBeyondIt() {
        when(channel.exchange(any(), eq(PhoneLimitStatus.class)))
                .thenAnswer(invocation -> new PhoneLimitStatus("c", 2, 2, null, 60));
        PhoneLimitService service = new PhoneLimitService(channel,
                new IpLimiter(new IpLimitProperties(3, Duration.ofMinutes(15), "", 1000)));

        for (int i = 0; i < 3; i++) {
            assertThat(service.check("+61412345678", "203.0.113.7")).isInstanceOf(LimitLookup.Known.class);
        }
        LimitLookup fourth = service.check("+61412345679", "203.0.113.7");

        assertThat(fourth).isInstanceOfSatisfying(LimitLookup.Withheld.class, withheld ->
                assertThat(withheld.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15)));
        verify(channel, times(3)).exchange(any(), eq(PhoneLimitStatus.class));
        assertThat(service.check("+61412345678", "198.51.100.1")).as("another network has its own budget")
                .isInstanceOf(LimitLookup.Known.class);
    }
}
