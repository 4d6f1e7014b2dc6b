package org.rushreg.localstack.front;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The front of several registration-service instances, as a load balancer would be: Jetty's reverse proxy on one
 * port, each request to the next instance in turn (skipping one that is not ready, e.g. restarting after a crash), with
 * {@code X-Forwarded-For} so that the instances' rate limit and login throttle see the client, not the front.
 * No stickiness: the instances share what a browser's requests need (decisions 0018, 0020).
 */
public final class Front implements AutoCloseable {

    private final Server server;

    /**
     * @param up whether the instance on that port is ready ({@link ReadinessProbe}); when none is, requests go round
     *           all of them anyway
     */
    public Front(int port, List<Integer> instancePorts, IntPredicate up) {
        AtomicInteger next = new AtomicInteger();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ProxyHandler.Reverse(request -> {
            int target = pick(instancePorts, up, next);
            return HttpURI.build(request.getHttpURI()).scheme("http").host("localhost").port(target);
        }) {
            @Override
            protected void addProxyHeaders(Request clientToProxy, org.eclipse.jetty.client.Request proxyToServer) {
                super.addProxyHeaders(clientToProxy, proxyToServer);
                String client = Request.getRemoteAddr(clientToProxy);
                String earlier = clientToProxy.getHeaders().get(HttpHeader.X_FORWARDED_FOR);
                proxyToServer.headers(headers -> headers.put(HttpHeader.X_FORWARDED_FOR,
                        earlier == null ? client : earlier + ", " + client));
            }
        });
    }

    private static int pick(List<Integer> ports, IntPredicate up, AtomicInteger next) {
        for (int tried = 0; tried < ports.size(); tried++) {
            int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
            if (up.test(port)) {
                return port;
            }
        }
        return ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
    }

    public void start() throws Exception {
        server.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
