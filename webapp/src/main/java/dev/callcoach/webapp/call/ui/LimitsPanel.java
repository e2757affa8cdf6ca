package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import dev.callcoach.webapp.base.Durations;
import dev.callcoach.webapp.base.ui.UiTasks;
import dev.callcoach.webapp.call.service.LimitLookup;
import dev.callcoach.webapp.call.service.NetworkAllowance;
import dev.callcoach.webapp.call.service.PhoneAllowance;
import dev.callcoach.webapp.call.service.PhoneLimitService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Both limits in one place, before anyone clicks: the entered number's calls and the network's, each with
 * one way of saying when ("in 54 min"). Only good news is shown in the success colour. A call in the browser
 * has no number, so only the network's limit is shown for it.
 */
class LimitsPanel extends Div {

    final Paragraph number = new Paragraph();
    final Paragraph network = new Paragraph();
    private final Paragraph countingNote = new Paragraph();

    private final PhoneLimitService phoneLimits;
    private final UiTasks tasks;
    private final Clock clock;
    private final Runnable onChange;

    /** The number asked about (E.164), or null. Answers about another number are dropped. */
    private String asked;
    private boolean checking;
    private boolean failed;
    private PhoneAllowance known;
    private Instant withheldUntil;
    private NetworkAllowance networkAllowance;
    private PracticeMode mode = PracticeMode.PHONE;

    LimitsPanel(PhoneLimitService phoneLimits, UiTasks tasks, Clock clock, Runnable onChange) {
        this.phoneLimits = phoneLimits;
        this.tasks = tasks;
        this.clock = clock;
        this.onChange = onChange;
        setId("limits");
        addClassName("cc-limits");
        getElement().setAttribute("role", "status");
        getElement().setAttribute("aria-live", "polite");
        number.setId("number-allowance");
        network.setId("network-allowance");
        countingNote.addClassName("cc-limits-note");
        add(new H3("Your calls left"), number, network, countingNote);
    }

    /** Asks how many calls the number has left; the answer comes in the background. */
    void lookup(UI ui, String e164, String clientIp) {
        if (!e164.equals(asked)) {
            known = null;
        }
        asked = e164;
        checking = true;
        failed = false;
        refresh(clock.instant());
        tasks.run(ui, () -> phoneLimits.check(e164, clientIp), answer -> {
            if (e164.equals(asked)) {
                checking = false;
                known = answer instanceof LimitLookup.Known(PhoneAllowance allowance) ? allowance : null;
                withheldUntil = answer instanceof LimitLookup.Withheld(Duration after) ? clock.instant().plus(after) : null;
                changed();
            }
        }, problem -> {
            if (e164.equals(asked)) {
                // The backend checks the limit again when the call is reserved; don't block on this.
                checking = false;
                failed = true;
                known = null;
                changed();
            }
        });
    }

    void forgetNumber() {
        asked = null;
        checking = false;
        failed = false;
        known = null;
        refresh(clock.instant());
    }

    void mode(PracticeMode now) {
        mode = now;
        countingNote.setText(now == PracticeMode.PHONE
                ? "A call counts once it is placed, even if it is cancelled before anyone answers: a phone that "
                        + "rang has been called."
                : "A call in the browser counts once it starts, however short.");
        refresh(clock.instant());
    }

    void network(NetworkAllowance allowance) {
        networkAllowance = allowance;
        refresh(clock.instant());
    }

    boolean checking() {
        return checking;
    }

    /** When the number may be called again, or null when it may now or nobody knows. */
    Instant numberNextAt(Instant now) {
        return known == null || known.allowsCall(now) ? null : known.nextAllowedAt();
    }

    Instant networkNextAt(Instant now) {
        return networkAllowance == null || networkAllowance.allowsCall(now) ? null : networkAllowance.nextAt();
    }

    /** Whether a countdown is on show. */
    boolean counting(Instant now) {
        return numberNextAt(now) != null || networkNextAt(now) != null
                || (withheldUntil != null && now.isBefore(withheldUntil));
    }

    /** Whether the number's calls came back since it was last asked, so it is worth asking again. */
    boolean stale(Instant now) {
        return asked != null && !checking && known != null && known.callsLeft() == 0 && known.allowsCall(now);
    }

    String asked() {
        return asked;
    }

    /** Redraws both lines for the time now. */
    void refresh(Instant now) {
        Line forNumber = numberLine(now);
        // Calls left for the number are no good news while the network can't call.
        show(number, forNumber.tone() == Tone.GOOD && networkNextAt(now) != null ? neutral(forNumber.text()) : forNumber);
        show(network, networkLine(now));
        number.setVisible(number.isVisible() && mode == PracticeMode.PHONE);
    }

    private Line numberLine(Instant now) {
        if (asked == null) {
            return neutral("This number: enter it to see how many calls it has left.");
        }
        if (withheldUntil != null && now.isBefore(withheldUntil)) {
            return neutral("This number: not shown for now, because many numbers were looked up from your network. "
                    + "Calls left show again " + Durations.in(Duration.between(now, withheldUntil))
                    + ". The limit still applies when you call.");
        }
        if (checking) {
            return neutral("This number: checking how many calls it has left…");
        }
        if (failed || known == null) {
            return neutral("This number: couldn't check its calls left right now. They are checked when you call.");
        }
        String rule = " (" + known.limit() + " per " + window(known.window()) + ")";
        if (known.callsLeft() > 0) {
            return new Line(Tone.GOOD, "This number: " + known.callsLeft() + " of " + known.limit() + " calls left" + rule + ".");
        }
        if (!known.allowsCall(now)) {
            return new Line(Tone.BAD, "This number: no calls left" + rule + ". Next call possible "
                    + Durations.in(Duration.between(now, known.nextAllowedAt())) + ".");
        }
        return neutral("This number: a call should be possible again; checking…");
    }

    private Line networkLine(Instant now) {
        if (networkAllowance == null) {
            return neutral("");
        }
        String rule = " (" + networkAllowance.placements() + " per " + window(networkAllowance.window()) + ")";
        Instant next = networkNextAt(now);
        if (next != null) {
            return new Line(Tone.BAD, "Your network: no calls left" + rule + ". Next call possible "
                    + Durations.in(Duration.between(now, next)) + ".");
        }
        return neutral("Your network: calls are limited" + rule + ".");
    }

    private void changed() {
        refresh(clock.instant());
        onChange.run();
    }

    private enum Tone { GOOD, NEUTRAL, BAD }

    private record Line(Tone tone, String text) {
    }

    private static Line neutral(String text) {
        return new Line(Tone.NEUTRAL, text);
    }

    private static void show(Paragraph paragraph, Line line) {
        paragraph.setText(line.text());
        paragraph.setVisible(!line.text().isEmpty());
        paragraph.setClassName("cc-good", line.tone() == Tone.GOOD);
        paragraph.setClassName("cc-bad", line.tone() == Tone.BAD);
    }

    private static String window(Duration window) {
        return window.equals(Duration.ofHours(1)) ? "hour" : Durations.humanize(window);
    }
}
