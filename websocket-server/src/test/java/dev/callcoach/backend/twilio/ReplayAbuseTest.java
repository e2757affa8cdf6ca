package dev.callcoach.backend.twilio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callcoach.backend.call.CallSession;
import dev.callcoach.backend.limiter.PhoneLimiter;
import dev.callcoach.backend.testing.BridgeTestProfile;
import dev.callcoach.backend.testing.Databases;
import dev.callcoach.backend.testing.FakeRealtimeResource;
import dev.callcoach.backend.testing.PostgresResource;
import dev.callcoach.backend.testing.Reservations;
import dev.callcoach.backend.testing.SimulatedTwilio;
import dev.callcoach.backend.testing.TestNumbers;
import dev.callcoach.simulator.realtime.FakeRealtime;
import dev.callcoach.simulator.twilio.CallerScript;
import dev.callcoach.simulator.twilio.SimulatedCall;
import dev.callcoach.simulator.twilio.SimulatedStream;
import dev.callcoach.simulator.twilio.TwilioSignature;
import dev.callcoach.simulator.twilio.WebhookRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The replay half of the abuse run (issue 10): what Twilio signed for one call, captured from FakeTwilio's
 * real requests, replayed many times against the real HTTP and WebSocket endpoints. Voice webhooks for
 * other sessions, for their ended session and with tampered bodies; status callbacks of an ended call
 * replayed (an old {@code completed}, an {@code in-progress} after it) and aimed at another session; Media
 * Stream upgrades with one session's signature on another's URL, a second stream for a live call, a stream
 * for an ended call, a {@code start} naming another session, and sockets that never send {@code start}.
 *
 * <p>Asserted, as counts: each replay refused or ignored as the code answers it, no second Realtime session,
 * the limiter's tables unchanged by every replay, and at the end no session holding a slot. Prints its table
 * and writes it to {@code websocket-server/target/replay-abuse.md}.
 */
@QuarkusTest
@TestProfile(BridgeTestProfile.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class ReplayAbuseTest {

    private static final int REPLAYS = 50;
    private static final int SOCKETS = 10;
    private static final String CONNECTED = "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";

    @TestHTTPResource("/")
    URI base;
    @Inject
    Pool pool;
    @Inject
    PhoneLimiter limiter;

    private final FakeRealtime realtime = FakeRealtimeResource.realtime();
    private final Map<String, Tally> table = new LinkedHashMap<>();
    private SimulatedTwilio twilio;

    /** One attack kind: how the code answers it and what it got. */
    private static final class Tally {
        final String answer;
        int attempts;
        int refused;
        int opened;
        long pastLimit;

        Tally(String answer) {
            this.answer = answer;
        }
    }

    @AfterEach
    void stopTwilio() {
        if (twilio != null) {
            twilio.close();
        }
        FakeRealtimeResource.reset();
    }

    @Test
    void replayedWebhooksAndUpgradesOpenNothingAndCountNothing() throws Exception {
        Databases.truncate(pool);
        twilio = SimulatedTwilio.start(base);
        int realtimeAtStart = realtime.sessions().size();
        // One call that has ended, one that is live, and reservations never placed.
        CallSession ended = Reservations.callable(limiter);
        SimulatedCall endedCall = twilio.call(ended.id(), TestNumbers.fresh(), CallerScript.answerAfter(Duration.ofMillis(100))
                .thenSilence(Duration.ofMillis(500)).thenHangUp());
        endedCall.whenEnded().toCompletableFuture().get(30, TimeUnit.SECONDS);
        await().until(() -> "COMPLETED".equals(status(ended.id())));
        CallSession live = Reservations.callable(limiter);
        SimulatedCall liveCall = twilio.call(live.id(), TestNumbers.fresh(), CallerScript.answerAfter(Duration.ofMillis(100))
                .thenSilence(Duration.ofMinutes(2)).thenHangUp());
        await().until(() -> "IN_PROGRESS".equals(status(live.id())) && realtime.openSessionCount() == 1);
        List<UUID> reserved = IntStream.range(0, 3).mapToObj(i -> Reservations.callable(limiter).id()).toList();
        // A stream that ran and ended while its session had no terminal status yet (the status callback is
        // late, or lost): its signed upgrade, replayed, must not open the session again.
        UUID dropped = reserved.getFirst();
        String droppedPath = "/twilio/media/" + dropped;
        String droppedSignature = TwilioSignature.sign(SimulatedTwilio.AUTH_TOKEN,
                FakeRealtimeResource.PUBLIC_ORIGIN.replace("https:", "wss:") + droppedPath, Map.of());
        String droppedStart = start(dropped, "CA" + "1".repeat(32));
        var firstStream = BasicWebSocketConnector.create().baseUri(base).path(droppedPath)
                .addHeader("x-twilio-signature", droppedSignature).connectAndAwait();
        firstStream.sendTextAndAwait(CONNECTED);
        firstStream.sendTextAndAwait(droppedStart);
        await().until(() -> realtime.openSessionCount() == 2);
        firstStream.closeAndAwait();
        await().until(() -> realtime.openSessionCount() == 1);
        List<UUID> others = new ArrayList<>(reserved);
        others.add(live.id());
        others.add(UUID.randomUUID());

        int realtimeSessions = realtime.sessions().size();
        List<String> sessionsBefore = snapshot();
        long attemptsBefore = count("SELECT count(*) FROM call_attempt");

        WebhookRequest voice = endedCall.twimlRequests().getFirst();
        WebhookRequest completed = callback(endedCall, "completed");
        WebhookRequest inProgress = callback(endedCall, "in-progress");
        SimulatedStream endedStream = endedCall.stream().orElseThrow();
        SimulatedStream liveStream = liveCall.stream().orElseThrow();
        String endedMediaPath = URI.create(endedStream.url()).getPath();
        String liveMediaPath = URI.create(liveStream.url()).getPath();

        for (int i = 0; i < REPLAYS; i++) {
            UUID other = others.get(i % others.size());
            http("signed voice webhook replayed for another session", "403", voice, "/twilio/voice/" + other, voice.params(),
                    response -> response.statusCode() == 403);
            http("signed voice webhook replayed for its ended session", "200, apology and hang-up", voice, path(voice),
                    voice.params(), response -> response.statusCode() == 200 && !response.asString().contains("<Stream")
                            && response.asString().contains("<Hangup/>"));
            http("voice webhook with a tampered body", "403", voice, path(voice), tampered(voice.params(), i),
                    response -> response.statusCode() == 403);
            http("status `completed` replayed", "204, nothing changes", completed, path(completed), completed.params(),
                    response -> response.statusCode() == 204);
            http("status `in-progress` replayed after `completed`", "204, nothing changes", inProgress, path(inProgress),
                    inProgress.params(), response -> response.statusCode() == 204);
            http("status `completed` replayed for another session", "403", completed, "/twilio/status/" + other,
                    completed.params(), response -> response.statusCode() == 403);
            http("status callback with a tampered body", "403", completed, path(completed), tampered(completed.params(), i),
                    response -> response.statusCode() == 403);
        }
        for (int i = 0; i < REPLAYS; i++) {
            upgradeRefused("stream signature replayed for another session", endedStream.signature(),
                    "/twilio/media/" + others.get(i % others.size()));
        }
        streams("second stream for a live call", liveMediaPath, liveStream.signature(),
                start(live.id(), liveCall.sid()));
        streams("stream for an ended call", endedMediaPath, endedStream.signature(), start(ended.id(), endedCall.sid()));
        streams("`start` naming another session than the URL", endedMediaPath, endedStream.signature(),
                start(live.id(), liveCall.sid()));
        streams("stream replayed after the call's own stream ended", droppedPath, droppedSignature, droppedStart);
        streams("socket that never sends `start`", liveMediaPath, liveStream.signature(), null);

        assertThat(realtime.sessions()).as("no second Realtime session").hasSize(realtimeSessions);
        assertThat(snapshot()).as("sessions as they were").isEqualTo(sessionsBefore);
        assertThat(count("SELECT count(*) FROM call_attempt")).as("attempts as they were").isEqualTo(attemptsBefore);
        table.values().forEach(row -> {
            assertThat(row.refused).isEqualTo(row.attempts);
            assertThat(row.opened).isZero();
            assertThat(row.pastLimit).isZero();
        });
        assertThat(liveStream.closedBy()).as("the live call's own stream untouched").isEmpty();

        // The live call ends as calls do; the reservations never placed are given back.
        twilio.complete(liveCall.sid());
        liveCall.whenEnded().toCompletableFuture().get(30, TimeUnit.SECONDS);
        reserved.forEach(id -> limiter.release(id).await().indefinitely());
        await().until(() -> count("SELECT count(*) FROM call_session WHERE ended_at IS NULL") == 0
                && realtime.openSessionCount() == 0);
        long orphaned = count("SELECT count(*) FROM call_session WHERE ended_at IS NULL");
        assertThat(realtime.sessions().size() - realtimeAtStart).isEqualTo(3);
        writeTable(realtime.sessions().size() - realtimeAtStart, orphaned);
    }

    private void http(String kind, String answer, WebhookRequest captured, String path, Map<String, String> params,
                      Predicate<Response> refused) {
        Tally row = row(kind, answer);
        long attempts = count("SELECT count(*) FROM call_attempt");
        List<String> sessions = snapshot();
        Response response = given().formParams(params).header(TwilioWebhookResource.SIGNATURE_HEADER, captured.signature())
                .post(path);
        row.attempts++;
        if (refused.test(response)) {
            row.refused++;
        }
        row.pastLimit += count("SELECT count(*) FROM call_attempt") - attempts + differences(sessions, snapshot());
    }

    private void upgradeRefused(String kind, String signature, String path) {
        Tally row = row(kind, "403 before the socket opens");
        row.attempts++;
        try {
            BasicWebSocketConnector.create().baseUri(base).path(path).addHeader("x-twilio-signature", signature)
                    .connectAndAwait().closeAndAwait();
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("403")) {
                row.refused++;
            }
        }
    }

    /** {@value #SOCKETS} signed sockets at once, each sending {@code start} (or nothing), all expected to be closed. */
    private void streams(String kind, String path, String signature, String start) throws InterruptedException {
        Tally row = row(kind, start == null ? "closed after the start timeout (5 s)" : "socket closed");
        int realtimeSessions = realtime.sessions().size();
        List<String> sessions = snapshot();
        CountDownLatch closed = new CountDownLatch(SOCKETS);
        for (int i = 0; i < SOCKETS; i++) {
            var connection = BasicWebSocketConnector.create().baseUri(base).path(path)
                    .addHeader("x-twilio-signature", signature)
                    .onClose((socket, reason) -> closed.countDown())
                    .connectAndAwait();
            connection.sendTextAndAwait(CONNECTED);
            if (start != null) {
                connection.sendTextAndAwait(start);
            }
            row.attempts++;
        }
        boolean allClosed = closed.await(15, TimeUnit.SECONDS);
        row.refused += allClosed ? SOCKETS : SOCKETS - (int) closed.getCount();
        row.opened += realtime.sessions().size() - realtimeSessions;
        row.pastLimit += differences(sessions, snapshot());
    }

    private Tally row(String kind, String answer) {
        return table.computeIfAbsent(kind, k -> new Tally(answer));
    }

    private static String start(UUID session, String callSid) {
        String streamSid = "MZ" + UUID.randomUUID().toString().replace("-", "");
        return """
                {"event":"start","sequenceNumber":"1","streamSid":"%s","start":{"accountSid":"%s","streamSid":"%s",\
                "callSid":"%s","tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},\
                "customParameters":{"sessionId":"%s"}}}""".formatted(streamSid, SimulatedTwilio.ACCOUNT_SID, streamSid,
                callSid, session);
    }

    /** The captured parameters with one changed, added or removed, in turn. */
    private static Map<String, String> tampered(Map<String, String> params, int i) {
        Map<String, String> changed = new LinkedHashMap<>(params);
        switch (i % 4) {
            case 0 -> changed.put("CallSid", "CA" + "f".repeat(32));
            case 1 -> changed.put("CallStatus", "in-progress".equals(params.get("CallStatus")) ? "ringing" : "in-progress");
            case 2 -> changed.put("Extra", "1");
            default -> changed.remove("AccountSid");
        }
        return changed;
    }

    private static WebhookRequest callback(SimulatedCall call, String status) {
        return call.statusCallbacks().stream().filter(request -> status.equals(request.params().get("CallStatus"))
                && !request.params().containsKey("AnsweredBy")).findFirst().orElseThrow();
    }

    private static String path(WebhookRequest request) {
        return URI.create(request.url()).getPath();
    }

    private String status(UUID session) {
        return pool.preparedQuery("SELECT status FROM call_session WHERE id = $1")
                .execute(Tuple.of(session)).await().indefinitely()
                .iterator().next().getString("status");
    }

    /** Every session as the limiter sees it: status, SID, end, duration. */
    private List<String> snapshot() {
        List<String> rows = new ArrayList<>();
        pool.query("SELECT id, status, twilio_call_sid, ended_at, duration_seconds FROM call_session ORDER BY id")
                .execute().await().indefinitely()
                .forEach(session -> rows.add(session.getValue("id") + " " + session.getString("status") + " "
                        + session.getValue("twilio_call_sid") + " " + session.getValue("ended_at") + " "
                        + session.getValue("duration_seconds")));
        return rows;
    }

    private static long differences(List<String> before, List<String> after) {
        return after.size() == before.size()
                ? IntStream.range(0, after.size()).filter(i -> !after.get(i).equals(before.get(i))).count()
                : Math.abs(after.size() - before.size());
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private void writeTable(int realtimeSessions, long orphaned) throws IOException {
        StringBuilder text = new StringBuilder("| attack | answer | attempts | refused or ignored | Realtime sessions opened | past any limit |\n")
                .append("|---|---|---|---|---|---|\n");
        table.forEach((kind, row) -> text.append("| ").append(kind).append(" | ").append(row.answer).append(" | ")
                .append(row.attempts).append(" | ").append(row.refused).append(" | ").append(row.opened).append(" | ")
                .append(row.pastLimit).append(" |\n"));
        text.append("\n| check | result |\n|---|---|\n")
                .append("| Realtime sessions opened in the run (three streams Twilio would open) | ").append(realtimeSessions).append(" |\n")
                .append("| sessions left holding a slot | ").append(orphaned).append(" |\n");
        System.out.println(text);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "replay-abuse.md"), text);
    }
}
