package dev.callcoach.webapp.call.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.callcoach.webapp.base.UserFacingException;
import dev.callcoach.webapp.call.service.CallAvailability;
import dev.callcoach.webapp.call.service.LimitLookup;
import dev.callcoach.webapp.call.service.NetworkAllowance;
import dev.callcoach.webapp.call.service.Placement;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The form side of the practice page: scenario, phone, limits, and when the Call button is on. */
class PracticeViewTest extends PracticePageTestBase {

    @Test
    void theScenarioFormIsBuiltFromTheSchema() {
        PracticeView view = open();

        assertThat(view.scenarioStep.scenario.getListDataView().getItems()).containsExactly(INTERVIEW, LANGUAGE);
        assertThat(view.scenarioStep.scenario.getValue()).isEqualTo(INTERVIEW);
        assertThat(view.scenarioStep.description.getText()).isEqualTo(INTERVIEW.description());
        TextField role = (TextField) input(view, "role");
        assertThat(role.getLabel()).isEqualTo("Role");
        assertThat(role.isRequiredIndicatorVisible()).isTrue();
        assertThat(role.getHelperText()).isEqualTo("The job you are applying for · 0 of 60 characters");
        assertThat(input(view, "company")).isInstanceOf(TextField.class);
        assertThat(input(view, "experience")).isInstanceOf(TextField.class);
        assertThat(input(view, "notes")).isInstanceOf(TextArea.class);
        assertThat(input(view, "warmup")).isInstanceOf(Checkbox.class);
        @SuppressWarnings("unchecked")
        Select<String> tone = (Select<String>) input(view, "tone");
        assertThat(tone.getListDataView().getItems()).containsExactly("friendly", "tough");
        assertThat(view.scenarioStep.form().voice.getValue()).isEqualTo("alloy");
    }

    @Test
    void defect12VoicesSayWhatTheySoundLike() {
        ScenarioForm form = open().scenarioStep.form();

        assertThat(form.voice.getListDataView().getItems().map(form.voice.getItemLabelGenerator()).toList())
                .containsExactly("Alloy: neutral and even", "Marin: natural and warm");
    }

    @Test
    void choosingAnotherScenarioBuildsItsForm() {
        PracticeView view = open();

        view.scenarioStep.scenario.setValue(LANGUAGE);

        assertThat(view.scenarioStep.form().scenario()).isEqualTo(LANGUAGE);
        assertThat(input(view, "language")).isInstanceOf(Select.class);
        assertThat(input(view, "role")).isNull();
        assertThat(view.scenarioStep.form().voice.getValue()).isEqualTo("shimmer");
    }

    @Test
    void fieldsShowTheSharedValidationMessagesOnceTouched() {
        PracticeView view = open();
        TextField role = (TextField) input(view, "role");
        TextField experience = (TextField) input(view, "experience");
        assertThat(role.isInvalid()).as("untouched fields stay calm").isFalse();

        role.setValue("A");
        experience.setValue("lots");

        assertThat(role.getErrorMessage()).isEqualTo("Role must be at least 2 characters.");
        assertThat(experience.getErrorMessage()).isEqualTo("Years of experience must be a whole number.");
        experience.setValue("51");
        assertThat(experience.getErrorMessage()).isEqualTo("Years of experience must be at most 50.");

        role.setValue("Barista");
        experience.setValue("3");
        assertThat(role.isInvalid()).isFalse();
        assertThat(experience.isInvalid()).isFalse();
    }

    @Test
    void defect6LongTextIsNeverCutSilentlyAndIsCounted() {
        PracticeView view = open();
        TextArea notes = (TextArea) input(view, "notes");

        notes.setValue("x".repeat(5000));

        assertThat(notes.getValue()).hasSize(5000);
        assertThat(notes.getMaxLength()).as("no maxlength that would cut pasted text").isZero();
        assertThat(notes.getHelperText()).isEqualTo("5000 of 600 characters");
        assertThat(notes.getErrorMessage()).isEqualTo("Anything else must be at most 600 characters.");
        fillInterview(view);
        assertBlocked(view, "Complete the scenario details: Anything else.");
    }

    @Test
    void defect7ExamplesReadAsExamples() {
        TextField role = (TextField) input(open(), "role");

        assertThat(role.getPlaceholder()).isEqualTo("e.g. Barista");
        assertThat(FieldInputs.example("e.g. 2")).isEqualTo("e.g. 2");
        assertThat(FieldInputs.example(null)).isNull();
    }

    @Test
    void defect8EveryFieldToFixIsNamed() {
        PracticeView view = open();

        assertBlocked(view, "Complete the scenario details: Role, Interviewer.");
        ((TextField) input(view, "role")).setValue("Barista");
        assertBlocked(view, "Complete the scenario details: Interviewer.");
    }

    @Test
    void theNumberIsCheckedAsItIsTyped() {
        PracticeView view = open();
        view.phone.country.setValue("AU");

        view.phone.number.setValue("0412");
        assertThat(view.phone.number.isInvalid()).isTrue();
        view.phone.number.setValue("1900 123 456");
        assertThat(view.phone.number.getErrorMessage()).startsWith("Premium-rate numbers can't be called.");

        view.phone.number.setValue(AU_MOBILE);
        settle();
        assertThat(view.phone.number.isInvalid()).isFalse();
        assertThat(view.phone.number.getHelperText()).isEqualTo("Mobile number in Australia");
        verify(phoneLimits).check(eq("+61412345678"), anyString());
        assertThat(view.limits.number.getText()).isEqualTo("This number: 2 of 2 calls left (2 per hour).");
        assertThat(view.limits.number.hasClassName("cc-good")).isTrue();
    }

    @Test
    void defect9TheCountryFollowsAnInternationalNumber() {
        PracticeView view = open();
        view.phone.country.setValue("US");

        view.phone.number.setValue("+61 412 345 678");
        settle();

        assertThat(view.phone.country.getValue()).isEqualTo("AU");
        assertThat(view.phone.number.getHelperText()).isEqualTo("Mobile number in Australia");
    }

    @Test
    void theCallButtonSaysWhyItIsOffUntilEverythingIsInPlace() {
        PracticeView view = open();
        fillInterview(view);
        assertBlocked(view, "Enter your phone number.");

        view.phone.country.setValue("AU");
        view.phone.number.setValue("12");
        assertBlocked(view, "Check your phone number.");

        view.phone.number.setValue(AU_MOBILE);
        settle();
        assertBlocked(view, "Tick the box to confirm this is your number.");

        view.callStep.consent.setValue(true);
        assertThat(view.callStep.call.isEnabled()).isTrue();
        assertThat(view.callStep.blockedReason.isVisible()).isFalse();
    }

    @Test
    void aNumberWithoutCallsLeftCountsDownInMinutes() {
        numberHas(0);
        PracticeView view = readyToCall();

        assertThat(view.limits.number.getText())
                .isEqualTo("This number: no calls left (2 per hour). Next call possible in 13 min.");
        assertThat(view.limits.number.hasClassName("cc-bad")).isTrue();
        assertBlocked(view, "This number has no calls left right now. Next call possible in 13 min.");

        pass(Duration.ofSeconds(60));
        assertThat(view.limits.number.getText()).endsWith("in 12 min.");
    }

    @Test
    void defect4TheNetworksLimitShowsBeforeTheClickInTheSameFormat() {
        when(calls.networkAllowance(anyString()))
                .thenReturn(new NetworkAllowance(10, Duration.ofMinutes(15), NOW.plus(Duration.ofSeconds(450))));

        PracticeView view = readyToCall();

        assertThat(view.limits.network.getText())
                .isEqualTo("Your network: no calls left (10 per 15 min). Next call possible in 8 min.");
        assertThat(view.limits.number.getText()).isEqualTo("This number: 2 of 2 calls left (2 per hour).");
        assertThat(view.limits.number.hasClassName("cc-good")).as("no good news while the network can't call")
                .isFalse();
        assertBlocked(view, "Your network has no calls left right now. Next call possible in 8 min.");
    }

    @Test
    void aNetworkRefusalMovesIntoTheLimitsPanel() {
        when(calls.place(any(), anyString(), any())).thenAnswer(invocation -> {
            when(calls.networkAllowance(anyString()))
                    .thenReturn(new NetworkAllowance(10, Duration.ofMinutes(15), NOW.plus(Duration.ofSeconds(90))));
            return new Placement.Refused("Too many calls from your network for now. Next call possible in 2 min.",
                    Duration.ofSeconds(90), Placement.Limit.NETWORK);
        });
        PracticeView view = readyToCall();

        test(view.callStep.call).click();
        settle();

        assertThat(view.callStep.refusal.getText()).startsWith("Too many calls from your network");
        assertThat(view.limits.network.getText()).endsWith("Next call possible in 2 min.");
        assertBlocked(view, "Your network has no calls left right now. Next call possible in 2 min.");
        assertThat(view.live.isVisible()).isFalse();
    }

    @Test
    void lookupsBeyondTheNetworksBudgetAreWithheldAndSaidSo() {
        when(phoneLimits.check(anyString(), anyString())).thenReturn(new LimitLookup.Withheld(Duration.ofMinutes(10)));

        PracticeView view = readyToCall();

        assertThat(view.limits.number.getText()).isEqualTo("This number: not shown for now, because many numbers "
                + "were looked up from your network. Calls left show again in 10 min. The limit still applies when you call.");
        assertThat(view.callStep.call.isEnabled()).as("the backend still checks when calling").isTrue();
    }

    @Test
    void aServiceRefusalWithARetryTimeCountsDown() {
        when(calls.place(any(), anyString(), any())).thenReturn(new Placement.Refused(
                "All lines are busy right now. Please try again in a moment.", Duration.ofSeconds(30),
                Placement.Limit.SERVICE));
        PracticeView view = readyToCall();

        test(view.callStep.call).click();
        settle();

        assertThat(view.callStep.refusal.isVisible()).isTrue();
        assertBlocked(view, "You can call again in 30 s.");
    }

    @Test
    void withoutTwilioThePageSaysSoBeforeAnyoneClicks() {
        when(calls.availability()).thenReturn(new CallAvailability(false, false, Set.of()));

        PracticeView view = open();
        assertThat(view.modeStep.mode()).as("the browser needs no Twilio").isEqualTo(PracticeMode.BROWSER);
        assertThat(view.notices.notice.isVisible()).isFalse();
        view.modeStep.mode.setValue(PracticeMode.PHONE);
        fillInterview(view);
        view.phone.country.setValue("AU");
        view.phone.number.setValue(AU_MOBILE);
        view.callStep.consent.setValue(true);
        settle();

        assertThat(view.notices.notice.isVisible()).isTrue();
        assertThat(view.notices.notice.getText()).startsWith("Calling isn't set up on this server yet");
        assertBlocked(view, "Calling isn't set up on this server yet.");
    }

    @Test
    void aRegionWithoutCallerNumberIsNamed() {
        when(calls.availability()).thenReturn(new CallAvailability(true, false, Set.of("US")));

        assertBlocked(readyToCall(), "Calls to Australia aren't available on this server.");
    }

    @Test
    void defect5BackendDownIsAPageProblemInTheErrorColourAndRecoversByItself() {
        when(scenarios.scenarios())
                .thenThrow(new UserFacingException("The call service isn't reachable right now."))
                .thenReturn(List.of(INTERVIEW));
        when(phoneLimits.check(anyString(), anyString()))
                .thenThrow(new UserFacingException("The call service isn't reachable right now."));
        PracticeView view = open();
        view.phone.country.setValue("AU");
        view.phone.number.setValue(AU_MOBILE);
        settle();

        assertThat(view.notices.outage.isVisible()).isTrue();
        assertThat(view.notices.outage.getText()).startsWith("The call service isn't reachable right now.");
        assertThat(view.notices.outage.hasClassName("cc-notice-warning")).isTrue();
        assertThat(view.notices.outage.getParent()).contains(view.notices);
        assertThat(view.limits.number.getText()).startsWith("This number: couldn't check");
        assertThat(view.limits.number.hasClassName("cc-good")).isFalse();
        assertBlocked(view, "The scenarios couldn't be loaded. We keep trying.");

        ticker.runDelayed();
        settle();

        assertThat(view.notices.outage.isVisible()).isFalse();
        assertThat(view.scenarioStep.form().scenario()).isEqualTo(INTERVIEW);
    }

    @Test
    void anEmptyCatalogIsSaidPlainly() {
        when(scenarios.scenarios()).thenReturn(List.of());

        PracticeView view = open();

        assertThat(view.scenarioStep.scenario.isEnabled()).isFalse();
        assertBlocked(view, "No practice scenarios are available on this server yet.");
    }
}
