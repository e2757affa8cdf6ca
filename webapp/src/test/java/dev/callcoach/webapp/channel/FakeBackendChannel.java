package dev.callcoach.webapp.channel;

import dev.callcoach.contracts.channel.Ack;
import dev.callcoach.contracts.channel.ChannelCodec;
import dev.callcoach.contracts.channel.ChannelMessage;
import dev.callcoach.contracts.channel.ChannelProtocol;
import dev.callcoach.contracts.channel.ChannelRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.websocket.server.WsSci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real WebSocket server speaking the channel protocol, on embedded Tomcat (already on the classpath):
 * refuses a wrong token at the handshake, records what it receives, answers through a replaceable
 * handler (acks by default), and can push frames to, or drop, its connections.
 */
final class FakeBackendChannel implements AutoCloseable {

    static final String TOKEN = "test-channel-token";

    private final ChannelCodec codec = new ChannelCodec();
    private final Tomcat tomcat = new Tomcat();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    final BlockingQueue<ChannelRequest> received = new LinkedBlockingQueue<>();
    final BlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
    final AtomicInteger connections = new AtomicInteger();
    private volatile Function<ChannelRequest, List<String>> handler = this::ack;

    FakeBackendChannel() {
        try {
            tomcat.setBaseDir(Files.createTempDirectory("fake-backend").toString());
            tomcat.setPort(0);
            Context context = tomcat.addContext("", null);
            context.addServletContainerInitializer((classes, servletContext) -> {
                new WsSci().onStartup(classes, servletContext);
                ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
                try {
                    container.addEndpoint(ServerEndpointConfig.Builder.create(ChannelEndpoint.class, ChannelProtocol.PATH)
                        .configurator(new ServerEndpointConfig.Configurator() {
                            @Override
                            @SuppressWarnings("unchecked")
                            public <T> T getEndpointInstance(Class<T> type) {
                                return (T) new ChannelEndpoint();
                            }
                        })
                        .build());
                } catch (DeploymentException e) {
                    throw new ServletException(e);
                }
            }, null);
            addTokenCheck(context);
            // Filters (the token check, Tomcat's upgrade filter) only run for a request mapped to some servlet.
            Tomcat.addServlet(context, "default", new HttpServlet() {
            });
            context.addServletMappingDecoded("/", "default");
            tomcat.getConnector();
            tomcat.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    URI url() {
        return URI.create("ws://localhost:" + tomcat.getConnector().getLocalPort() + ChannelProtocol.PATH);
    }

    /** Replaces how requests are answered: each returns the raw frames to send back. */
    void answerWith(Function<ChannelRequest, List<String>> handler) {
        this.handler = handler;
    }

    String encode(ChannelMessage message) {
        return codec.encode(message);
    }

    /** Sends a raw frame to every open connection. */
    void push(String frame) {
        sessions.forEach(session -> send(session, frame));
    }

    /** Tomcat allows one send at a time per session; replies and pushes come from different threads. */
    private static void send(Session session, String frame) {
        synchronized (session) {
            try {
                session.getBasicRemote().sendText(frame);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Closes every connection from the server side, as a backend restart would. */
    void dropConnections() {
        for (Session session : sessions) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "restarting"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    int openConnections() {
        return (int) sessions.stream().filter(Session::isOpen).count();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    private List<String> ack(ChannelRequest request) {
        return List.of(codec.encode(new Ack(request.correlationId())));
    }

    /** Refuses the upgrade before it happens unless the bearer token is right, as the real backend does. */
    private void addTokenCheck(Context context) {
        Filter tokenCheck = (request, response, chain) -> {
            String authorization = ((HttpServletRequest) request).getHeader(ChannelProtocol.TOKEN_HEADER);
            authorizations.add(String.valueOf(authorization));
            if (!(ChannelProtocol.BEARER_PREFIX + TOKEN).equals(authorization)) {
                ((HttpServletResponse) response).sendError(401);
                return;
            }
            chain.doFilter(request, response);
        };
        FilterDef definition = new FilterDef();
        definition.setFilterName("token");
        definition.setFilter(tokenCheck);
        context.addFilterDef(definition);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("token");
        mapping.addURLPattern(ChannelProtocol.PATH);
        context.addFilterMap(mapping);
    }

    private final class ChannelEndpoint extends Endpoint {

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            sessions.add(session);
            connections.incrementAndGet();
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) frame -> {
                ChannelRequest request = (ChannelRequest) codec.decode(frame);
                received.add(request);
                handler.apply(request).forEach(reply -> send(session, reply));
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            sessions.remove(session);
        }
    }
}
