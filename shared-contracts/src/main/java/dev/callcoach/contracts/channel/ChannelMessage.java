package dev.callcoach.contracts.channel;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A channel frame. Its JSON carries the message's wire name (the {@code @JsonTypeName} of the record) in
 * the {@code "type"} property; every record must be listed here and permitted by one of the
 * sub-interfaces, which a test checks.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(PhoneLimitCheck.class),
        @JsonSubTypes.Type(PhoneLimitStatus.class),
        @JsonSubTypes.Type(ReserveCall.class),
        @JsonSubTypes.Type(CallReserved.class),
        @JsonSubTypes.Type(CallRefused.class),
        @JsonSubTypes.Type(ReserveBrowserSession.class),
        @JsonSubTypes.Type(BrowserSessionReserved.class),
        @JsonSubTypes.Type(CallPlaced.class),
        @JsonSubTypes.Type(CallPlacementUnknown.class),
        @JsonSubTypes.Type(ReleaseCall.class),
        @JsonSubTypes.Type(EndCall.class),
        @JsonSubTypes.Type(Subscribe.class),
        @JsonSubTypes.Type(Unsubscribe.class),
        @JsonSubTypes.Type(GetScenarioCatalog.class),
        @JsonSubTypes.Type(ScenarioCatalog.class),
        @JsonSubTypes.Type(Ack.class),
        @JsonSubTypes.Type(ErrorReply.class),
        @JsonSubTypes.Type(CallStatusChanged.class),
        @JsonSubTypes.Type(TranscriptEvent.class),
        @JsonSubTypes.Type(CallEnded.class),
        @JsonSubTypes.Type(ReportStatusChanged.class),
        @JsonSubTypes.Type(GetReport.class),
        @JsonSubTypes.Type(ReportDetails.class),
        @JsonSubTypes.Type(RetryReport.class),
        @JsonSubTypes.Type(DeleteReport.class),
})
public sealed interface ChannelMessage permits ChannelRequest, ChannelReply, ChannelEvent {
}
