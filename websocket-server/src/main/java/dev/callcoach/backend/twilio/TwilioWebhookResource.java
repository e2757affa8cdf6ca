package dev.callcoach.backend.twilio;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Twilio's webhooks for a session: the TwiML that connects the call to our Media Stream, and the
 * call status callback, which also receives the asynchronous answering machine detection result. All are
 * refused unless Twilio signed them.
 */
@Path("/twilio")
public class TwilioWebhookResource {

    /** Header Twilio signs its requests with. */
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private static final Logger LOG = Logger.getLogger(TwilioWebhookResource.class);

    private final TwilioSignatures signatures;
    private final VoiceAnswers voiceAnswers;
    private final StatusCallbacks statusCallbacks;
    private final AnsweringMachines answeringMachines;

    public TwilioWebhookResource(TwilioSignatures signatures, VoiceAnswers voiceAnswers, StatusCallbacks statusCallbacks,
                                 AnsweringMachines answeringMachines) {
        this.signatures = signatures;
        this.voiceAnswers = voiceAnswers;
        this.statusCallbacks = statusCallbacks;
        this.answeringMachines = answeringMachines;
    }

    @POST
    @Path("/voice/{sessionId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_XML)
    public Uni<Response> voice(@PathParam("sessionId") String sessionId, @HeaderParam(SIGNATURE_HEADER) String signature,
                               @Context HttpServerRequest request, MultivaluedMap<String, String> form) {
        if (!isSigned(request, form, signature)) {
            return Uni.createFrom().item(forbidden());
        }
        return voiceAnswers.twimlFor(sessionId).map(twiml -> Response.ok(twiml, MediaType.TEXT_XML_TYPE).build());
    }

    @POST
    @Path("/status/{sessionId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> status(@PathParam("sessionId") String sessionId, @HeaderParam(SIGNATURE_HEADER) String signature,
                                @Context HttpServerRequest request, MultivaluedMap<String, String> form) {
        if (!isSigned(request, form, signature)) {
            return Uni.createFrom().item(forbidden());
        }
        Map<String, String> params = firstValues(form);
        if (AnsweringMachines.isAmdResult(params)) {
            return answeringMachines.apply(sessionId, params).map(ended -> Response.noContent().build());
        }
        return statusCallbacks.apply(sessionId, params).map(result -> switch (result) {
            case BAD_REQUEST -> Response.status(Response.Status.BAD_REQUEST).entity("unknown CallStatus").build();
            case APPLIED, UNCHANGED, UNKNOWN_SESSION -> Response.noContent().build();
        });
    }

    private boolean isSigned(HttpServerRequest request, MultivaluedMap<String, String> form, String signature) {
        // request.uri() is the path and query string exactly as sent, which is what Twilio signed.
        boolean valid = signatures.isValidWebhook(request.uri(), firstValues(form), signature);
        if (!valid) {
            LOG.warnf("twilio webhook refused path=%s reason=%s", request.path(),
                    signature == null ? "no-signature" : "bad-signature");
        }
        return valid;
    }

    private static Map<String, String> firstValues(MultivaluedMap<String, String> form) {
        Map<String, String> params = new HashMap<>();
        if (form != null) {
            form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.getFirst()));
        }
        return params;
    }

    private static Response forbidden() {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_PLAIN_TYPE).entity("invalid Twilio signature").build();
    }
}
