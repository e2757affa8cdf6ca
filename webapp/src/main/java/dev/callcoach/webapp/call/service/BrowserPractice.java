package dev.callcoach.webapp.call.service;

import dev.callcoach.contracts.channel.BrowserSessionReserved;
import dev.callcoach.contracts.channel.CallRefused;
import dev.callcoach.contracts.channel.ChannelReply;
import dev.callcoach.contracts.channel.ReserveBrowserSession;
import dev.callcoach.webapp.channel.ChannelClient;
import dev.callcoach.webapp.channel.ChannelException;
import dev.callcoach.webapp.channel.SessionListener;
import dev.callcoach.webapp.channel.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Starts calls in the browser: the same gate as a phone call (human check, the network's allowance), then a
 * session from the backend, which answers with where the page's audio goes and a one-time token for it. No
 * Twilio and no phone number: the page's own WebSocket to the backend carries the audio, and this server never
 * sees it. Such a call is followed and ended like a phone call ({@link CallService#end}).
 */
public class BrowserPractice {

    private static final Logger log = LoggerFactory.getLogger(BrowserPractice.class);

    private final ChannelClient channel;
    private final NetworkGate gate;

    public BrowserPractice(ChannelClient channel, NetworkGate gate) {
        this.channel = channel;
        this.gate = gate;
    }

    /**
     * Reserves a session and delivers its status and transcript events to {@code listener} before the page
     * connects, so none is missed. Blocks for the backend's round trips: call it off the UI thread.
     *
     * @throws ChannelException when the backend cannot be asked
     */
    public Placement start(BrowserRequest request, String clientIp, SessionListener listener) {
        Optional<Placement.Refused> turnedAway = gate.admit(request.humanToken(), clientIp);
        if (turnedAway.isPresent()) {
            return turnedAway.get();
        }
        // A reservation whose reply comes after we stopped waiting needs no release: its token goes unused, and
        // the backend ends such a session 60 s after issuing it, freeing its slot.
        ChannelReply reply = channel.exchange(id -> new ReserveBrowserSession(id, request.scenarioId(),
                request.scenarioConfig(), request.voice()));
        return switch (reply) {
            case BrowserSessionReserved reserved -> follow(reserved, listener);
            case CallRefused refused -> {
                log.info("event=browser_call_refused reason={} retryAfterS={}", refused.reason(),
                        refused.retryAfterSeconds());
                yield Refusals.of(refused);
            }
            default -> throw CallService.unexpected(reply);
        };
    }

    /** Should subscribing fail, the token goes unused and the backend frees the slot by itself, as above. */
    private Placement follow(BrowserSessionReserved reserved, SessionListener listener) {
        Subscription subscription = channel.subscribe(reserved.sessionId(), listener);
        log.info("event=browser_call_reserved sessionId={} tokenExpiresAt={}", reserved.sessionId(),
                reserved.tokenExpiresAt());
        return new Placement.InBrowser(reserved.sessionId(), reserved.mediaUrl(), reserved.mediaToken(), subscription);
    }
}
