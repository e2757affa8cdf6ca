package dev.callcoach.webapp.channel;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one channel client of this instance, connected at startup and closed at shutdown. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelProperties.class)
class ChannelConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    ChannelClient channelClient(ChannelProperties properties) {
        return new ChannelClient(properties);
    }
}
