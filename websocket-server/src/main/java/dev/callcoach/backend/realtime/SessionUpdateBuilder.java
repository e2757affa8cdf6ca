package dev.callcoach.backend.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code session.update} for one API shape (docs/protocols.md, "Realtime: client events and session.update"; "Realtime: beta differences"):
 * the caller side's audio format both ways so its audio passes through untouched (μ-law for Twilio,
 * 24 kHz PCM16 for the browser), server VAD that answers and lets the
 * caller interrupt, transcription of the caller, and the {@code end_call} tool.
 */
public final class SessionUpdateBuilder {

    /** The tool the model calls to hang up once it has said goodbye. */
    public static final String END_CALL_TOOL = "end_call";

    // Server VAD at OpenAI's documented defaults; create/interrupt are set explicitly because the
    // docs do not state their defaults and barge-in depends on both.
    private static final double VAD_THRESHOLD = 0.5;
    private static final int VAD_PREFIX_PADDING_MS = 300;
    private static final int VAD_SILENCE_MS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RealtimeApi api;
    private final String model;
    private final String transcriptionModel;

    public SessionUpdateBuilder(RealtimeApi api, String model, String transcriptionModel) {
        this.api = api;
        this.model = model;
        this.transcriptionModel = transcriptionModel != null ? transcriptionModel
                : api == RealtimeApi.GA ? "gpt-4o-mini-transcribe" : "whisper-1";
    }

    public static SessionUpdateBuilder from(OpenAiConfig config) {
        return new SessionUpdateBuilder(config.api(), config.model(), config.transcriptionModel().orElse(null));
    }

    public RealtimeApi api() {
        return api;
    }

    /** Sample rate of GA's {@code audio/pcm}, which must be stated; μ-law's is implied. */
    private static final int PCM_RATE = 24000;

    public String build(String eventId, SessionSettings settings, AudioFormat format) {
        ObjectNode event = JSON.createObjectNode().put("type", "session.update").put("event_id", eventId);
        ObjectNode session = event.putObject("session");
        String voice = api.voiceFor(settings.voice());
        if (api == RealtimeApi.GA) {
            session.put("type", "realtime").put("model", model).put("instructions", settings.instructions());
            session.putArray("output_modalities").add("audio");
            ObjectNode input = session.putObject("audio").putObject("input");
            format(input.putObject("format"), format);
            turnDetection(input.putObject("turn_detection"));
            input.putObject("transcription").put("model", transcriptionModel);
            ObjectNode output = ((ObjectNode) session.get("audio")).putObject("output");
            format(output.putObject("format"), format);
            output.put("voice", voice);
        } else {
            session.putArray("modalities").add("text").add("audio");
            session.put("instructions", settings.instructions()).put("voice", voice)
                    .put("input_audio_format", format.betaName()).put("output_audio_format", format.betaName());
            session.putObject("input_audio_transcription").put("model", transcriptionModel);
            turnDetection(session.putObject("turn_detection"));
        }
        ObjectNode endCall = session.putArray("tools").addObject()
                .put("type", "function")
                .put("name", END_CALL_TOOL)
                .put("description", "Hang up the phone call. Call it only after you have said goodbye out loud.");
        ObjectNode parameters = endCall.putObject("parameters").put("type", "object");
        parameters.putObject("properties");
        parameters.putArray("required");
        session.put("tool_choice", "auto");
        return event.toString();
    }

    private static void format(ObjectNode node, AudioFormat format) {
        node.put("type", format.gaType());
        if (format == AudioFormat.PCM16_24K) {
            node.put("rate", PCM_RATE);
        }
    }

    private static void turnDetection(ObjectNode vad) {
        vad.put("type", "server_vad")
                .put("threshold", VAD_THRESHOLD)
                .put("prefix_padding_ms", VAD_PREFIX_PADDING_MS)
                .put("silence_duration_ms", VAD_SILENCE_MS)
                .put("create_response", true)
                .put("interrupt_response", true);
    }
}
