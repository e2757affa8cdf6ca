package dev.callcoach.webapp.call.ui;

import dev.callcoach.contracts.phone.PhoneCheck;
import dev.callcoach.webapp.call.service.CallAvailability;

import java.time.Instant;
import java.util.List;

/** Reads the page's parts into the facts {@link CallReadiness} decides on. */
final class ReadinessFacts {

    private ReadinessFacts() {
    }

    static CallReadiness.Facts of(PracticeView view, PlacementFlow placement, Instant now) {
        CallAvailability availability = view.notices.availability();
        ScenarioForm form = view.scenarioStep.form();
        PhoneCheck check = view.phone.check();
        CallReadiness.Phone phone = check instanceof PhoneCheck.Valid ? CallReadiness.Phone.VALID
                : view.phone.number.isEmpty() ? CallReadiness.Phone.EMPTY : CallReadiness.Phone.INVALID;
        String region = check instanceof PhoneCheck.Valid valid ? valid.region() : null;
        return new CallReadiness.Facts(view.modeStep.mode(), availability.configured(), placement.asking(),
                placement.placing(),
                view.scenarioStep.catalogState(), form != null, form == null ? List.of() : form.problemLabels(),
                phone, region, region != null && availability.canCall(region), view.limits.checking(),
                view.limits.numberNextAt(now), view.limits.networkNextAt(now), placement.retryNotBefore(),
                view.callStep.consent.getValue(), view.microphone.blockedReason(), view.humanCheck != null,
                view.humanCheck != null && view.humanCheck.token() != null);
    }
}
