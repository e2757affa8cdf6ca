package dev.callcoach.webapp.call.service;

import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.CallPlaced;
import dev.callcoach.contracts.channel.CallPlacementUnknown;
import dev.callcoach.contracts.channel.CallRefused;
import dev.callcoach.contracts.channel.CallReserved;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ChannelRequest;
import dev.callcoach.contracts.channel.EndCall;
import dev.callcoach.contracts.channel.RefusalReason;
import dev.callcoach.contracts.channel.ReleaseCall;
import dev.callcoach.contracts.channel.ReserveCall;
import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.channel.Subscription;
import dev.callcoach.webapp.limit.IpLimitProperties;
import dev.callcoach.webapp.limit.IpLimiter;
import dev.callcoach.webapp.testing.HttpStub;
import dev.callcoach.webapp.turnstile.TurnstileProperties;
import dev.callcoach.webapp.turnstile.TurnstileVerifier;
import dev.callcoach.webapp.twilio.TwilioCalls;
import dev.callcoach.webapp.twilio.TwilioProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Placing calls: the backend is a stand-in for our own channel client; Twilio is the official SDK talking
 * to a real HTTP stub.
 */
class CallServiceTest {

    private static final String ACCOUNT = "AC" + "0".repeat(32);
    private static final String CALL_SID = "CA" + "1".repeat(32);
    private static final UUID SESSION = UUID.fromString("8f0e8c1e-7d1a-4a55-9d38-0c5d2b7e1f00");
    private static final CallRequest REQUEST = new CallRequest("+61412345678", "AU", "job-interview",
            Map.of("role", "Barista"), "alloy", null);

    private final HttpStub twilio = new HttpStub();
    private final ChannelClient channel = mock(ChannelClient.class);
    /** Requests the service sent to the backend, in order. */
    private final List<ChannelRequest> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean unsubscribed = new AtomicBoolean();
    private Function<ChannelRequest, ChannelReply> backend;
    private int twilioRequestsWhenSubscribed = -1;

    @BeforeEach
    void backendReservesAndAcks() {
        backend = request -> request instanceof ReserveCall
                ? new CallReserved(request.correlationId(), SESSION)
                : new Ack(request.correlationId());
        when(channel.exchange(any(), any(Consumer.class))).thenAnswer(invocation -> answer(invocation.getArgument(0)));
        when(channel.exchange(any())).thenAnswer(invocation -> answer(invocation.getArgument(0)));
        when(channel.subscribe(any(), any())).thenAnswer(invocation -> {
            twilioRequestsWhenSubscribed = twilio.requests.size();
            Subscription subscription = () -> unsubscribed.set(true);
            return subscription;
        });
    }

    private ChannelReply answer(Function<String, ChannelRequest> factory) {
        ChannelRequest request = factory.apply("c" + sent.size());
        sent.add(request);
        return backend.apply(request);
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    @Test
    void reservesThenDialsThenReportsTheCallSid() throws Exception {
        twilio.answer(request -> HttpStub.Answer.json(201, callJson()));

        Placement placement = service(twilioCalls(), ipLimit(10)).place(REQUEST, "203.0.113.7", event -> { });

        assertThat(placement).isInstanceOfSatisfying(Placement.Placed.class, placed -> {
            assertThat(placed.sessionId()).isEqualTo(SESSION);
            assertThat(placed.callSid()).isEqualTo(CALL_SID);
            assertThat(placed.simulated()).isTrue();
        });
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isInstanceOfSatisfying(ReserveCall.class, reserve -> {
            assertThat(reserve.phoneNumber()).isEqualTo("+61412345678");
            assertThat(reserve.scenarioId()).isEqualTo("job-interview");
            assertThat(reserve.scenarioConfig()).containsEntry("role", "Barista");
            assertThat(reserve.voice()).isEqualTo("alloy");
        });
        assertThat(sent.get(1)).isEqualTo(new CallPlaced("c1", SESSION, CALL_SID));
        var form = twilio.requests.take().form();
        assertThat(form.get("From")).containsExactly("+61255501234");
        assertThat(form.get("Url")).containsExactly("http://backend.test/twilio/voice/" + SESSION);
        assertThat(form.get("StatusCallback")).containsExactly("http://backend.test/twilio/status/" + SESSION);
        assertThat(unsubscribed).isFalse();
        // Subscribed before Twilio was asked, so no early status is missed.
        assertThat(twilioRequestsWhenSubscribed).isZero();
    }

    @Test
    void aTwilioRefusalReleasesTheReservationAndExplainsItKindly() {
        twilio.answer(request -> HttpStub.Answer.json(400, """
                {"code": 21215, "message": "Account not authorized to call +61412345678.", "status": 400}"""));

        Placement placement = service(twilioCalls(), ipLimit(10)).place(REQUEST, "203.0.113.7", event -> { });

        assertThat(placement).isInstanceOfSatisfying(Placement.Refused.class, refused -> {
            assertThat(refused.message()).isEqualTo(TwilioFailure.DESTINATION_BLOCKED.userMessage());
            assertThat(refused.retryAfter()).isZero();
        });
        assertThat(sent.get(1)).isEqualTo(new ReleaseCall("c1", SESSION, "twilio-21215"));
        assertThat(sent).hasSize(2);
        assertThat(unsubscribed).isTrue();
    }

    @Test
    void anUnreachableTwilioReleasesTooAndSaysTryAgain() {
        TwilioCalls unreachable = new TwilioCalls(new TwilioProperties(ACCOUNT, "token", "", "",
                URI.create("http://127.0.0.1:1"), Map.of("au", "+61255501234")));

        Placement placement = service(unreachable, ipLimit(10)).place(REQUEST, "203.0.113.7", event -> { });

        assertThat(placement).isEqualTo(new Placement.Refused(TwilioFailure.UNREACHABLE.userMessage(), Duration.ZERO, Placement.Limit.NONE));
        assertThat(sent.get(1)).isEqualTo(new ReleaseCall("c1", SESSION, "twilio-unreachable"));
    }

    @Test
    void theBackendsRefusalIsWordedHereFromItsReasonAndRetryTime() {
        backend = request -> new CallRefused(request.correlationId(), RefusalReason.PHONE_LIMIT,
                "a sentence for the logs, never shown", 1200);

        Placement placement = service(twilioCalls(), ipLimit(10)).place(REQUEST, "203.0.113.7", event -> { });

        assertThat(placement).isEqualTo(new Placement.Refused(
                "This number has no calls left right now. Next call possible in 20 min.", Duration.ofMinutes(20),
                Placement.Limit.NUMBER));
        assertThat(twilio.requests).isEmpty();
    }

    @Test
    void everyRefusalReasonHasTheWebappsOwnWording() {
        for (RefusalReason reason : RefusalReason.values()) {
            backend = request -> new CallRefused(request.correlationId(), reason, "backend words", 30);

            Placement placement = service(twilioCalls(), ipLimit(100)).place(REQUEST, "203.0.113.7", event -> { });

            assertThat(placement).isInstanceOfSatisfying(Placement.Refused.class,
                    refused -> assertThat(refused.message()).isNotBlank().doesNotContain("backend words"));
        }
    }

    @Test
    void theEleventhPlacementFromOneIpIsRefusedBeforeTheBackendIsAsked() {
        twilio.answer(request -> HttpStub.Answer.json(201, callJson()));
        CallService service = service(twilioCalls(), ipLimit(10));
        for (int i = 0; i < 10; i++) {
            assertThat(service.place(REQUEST, "203.0.113.7", event -> { })).isInstanceOf(Placement.Placed.class);
        }
        sent.clear();

        Placement eleventh = service.place(REQUEST, "203.0.113.7", event -> { });

        assertThat(eleventh).isInstanceOfSatisfying(Placement.Refused.class, refused -> {
            assertThat(refused.message()).startsWith("Too many calls from your network").contains("in 15 min");
            assertThat(refused.limit()).isEqualTo(Placement.Limit.NETWORK);
            assertThat(refused.retryAfter()).isPositive();
        });
        assertThat(sent).isEmpty();
        assertThat(service.networkAllowance("203.0.113.7").nextAt()).as("the page can say so before a click")
                .isAfter(Instant.now());
        assertThat(service.networkAllowance("198.51.100.1").nextAt()).isNull();
        assertThat(service.place(REQUEST, "198.51.100.1", event -> { })).isInstanceOf(Placement.Placed.class);
    }

    @Test
    void withoutTwilioNothingIsReservedAndThePageIsToldUpFront() {
        CallService service = service(new TwilioCalls(new TwilioProperties("", "", "", "", null, Map.of())), ipLimit(10));

        assertThat(service.availability().configured()).isFalse();
        assertThat(service.place(REQUEST, "203.0.113.7", event -> { }))
                .isEqualTo(new Placement.Refused("Calling isn't set up on this server.", Duration.ZERO, Placement.Limit.NONE));
        assertThat(sent).isEmpty();
    }

    @Test
    void aRegionWithoutCallerNumberCannotBeCalled() {
        CallService service = service(twilioCalls(), ipLimit(10));
        CallRequest toIndia = new CallRequest("+919812345678", "IN", "job-interview", Map.of(), "alloy", null);

        assertThat(service.availability().regions()).containsExactly("AU");
        assertThat(service.availability().canCall("in")).isFalse();
        assertThat(service.place(toIndia, "203.0.113.7", event -> { }))
                .isEqualTo(new Placement.Refused("Calling isn't set up on this server for India.", Duration.ZERO,
                        Placement.Limit.NONE));
    }

    @Test
    void aFailedHumanCheckStopsThePlacement() {
        try (HttpStub cloudflare = new HttpStub()) {
            cloudflare.answer(request -> HttpStub.Answer.json(200, "{\"success\": false, \"error-codes\": [\"invalid-input-response\"]}"));
            TurnstileVerifier turnstile = new TurnstileVerifier(new TurnstileProperties(true, "site", "secret",
                    cloudflare.baseUrl(), URI.create("https://challenges.example/api.js"), Duration.ofSeconds(5)),
                    HttpClient.newHttpClient());
            IpLimiter oneCall = ipLimit(1);
            CallService service = new CallService(channel, twilioCalls(),
                    new NetworkGate(oneCall, IP_LIMIT, turnstile, Clock.systemUTC()), callProperties());

            Placement placement = service.place(new CallRequest("+61412345678", "AU", "job-interview", Map.of(),
                    "alloy", "token-from-widget"), "203.0.113.7", event -> { });

            assertThat(placement).isInstanceOf(Placement.Refused.class);
            assertThat(sent).isEmpty();
            assertThat(oneCall.tryAcquire("203.0.113.7").allowed())
                    .as("checked before the IP limit, so a failed check costs the network nothing").isTrue();
        }
    }

    @Test
    void endingACallNotSeenAnsweredAlsoHangsItUpAtTwilioInAnyState() throws Exception {
        twilio.answer(request -> HttpStub.Answer.json(200, callJson()));

        service(twilioCalls(), ipLimit(10)).end(SESSION, CALL_SID, false);

        assertThat(sent).containsExactly(new EndCall("c0", SESSION));
        // "canceled" would leave a call the callee picked up a moment ago running.
        assertThat(twilio.requests.take().form().get("Status")).containsExactly("completed");
    }

    @Test
    void aLostTwilioAnswerKeepsTheReservationAndFollowsTheSession() {
        twilio.answer(request -> HttpStub.Answer.json(503, """
                {"code": 20500, "message": "Internal Server Error", "status": 503}"""));

        Placement placement = service(twilioCalls(), ipLimit(10)).place(REQUEST, "203.0.113.7", event -> { });

        assertThat(placement).isInstanceOfSatisfying(Placement.Placed.class, placed -> {
            assertThat(placed.sessionId()).isEqualTo(SESSION);
            assertThat(placed.callSid()).as("unknown: Twilio may or may not have created the call").isNull();
        });
        assertThat(sent).as("no release: the call may be ringing").noneMatch(ReleaseCall.class::isInstance);
        assertThat(sent.get(1)).isEqualTo(new CallPlacementUnknown("c1", SESSION, "twilio-503"));
        assertThat(unsubscribed).as("its status callbacks will tell").isFalse();
        assertThat(twilio.requests).as("creation is never retried").hasSize(1);
    }

    @Test
    void aFullIpTableIsSaidAsBusyNotAsTheNetworksLimit() {
        IpLimiter full = new IpLimiter(new IpLimitProperties(10, Duration.ofMinutes(15), "", 1));
        full.tryAcquire("198.51.100.1");

        Placement placement = service(twilioCalls(), full).place(REQUEST, "203.0.113.7", event -> { });

        assertThat(placement).isInstanceOfSatisfying(Placement.Refused.class, refused -> {
            assertThat(refused.message()).startsWith("The service is very busy right now.");
            assertThat(refused.limit()).isEqualTo(Placement.Limit.SERVICE);
        });
        assertThat(sent).isEmpty();
    }

    @Test
    void endingAnAnsweredCallLeavesItToTheBackend() {
        service(twilioCalls(), ipLimit(10)).end(SESSION, CALL_SID, true);

        assertThat(sent).containsExactly(new EndCall("c0", SESSION));
        assertThat(twilio.requests).isEmpty();
    }

    private CallService service(TwilioCalls calls, IpLimiter limiter) {
        TurnstileVerifier off = new TurnstileVerifier(new TurnstileProperties(false, "", "",
                URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1)),
                HttpClient.newHttpClient());
        return new CallService(channel, calls, new NetworkGate(limiter, IP_LIMIT, off, Clock.systemUTC()), callProperties());
    }

    private TwilioCalls twilioCalls() {
        return new TwilioCalls(new TwilioProperties(ACCOUNT, "token", "", "", twilio.baseUrl(),
                Map.of("au", "+61255501234")));
    }

    private static CallProperties callProperties() {
        return new CallProperties(URI.create("http://backend.test/"), Duration.ofSeconds(30), Duration.ofMinutes(6));
    }

    private static final IpLimitProperties IP_LIMIT = new IpLimitProperties(10, Duration.ofMinutes(15), "", 1000);

    private static IpLimiter ipLimit(int placements) {
        return new IpLimiter(new IpLimitProperties(placements, Duration.ofMinutes(15), "", 1000));
    }

    private static String callJson() {
        return """
                {"sid": "%s", "account_sid": "%s", "status": "queued"}""".formatted(CALL_SID, ACCOUNT);
    }
}
