package io.recsbridge.system;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jackson's read and write buffers shared by every request. Its default pool keeps them
 * per thread, and with virtual threads every request is a new thread: each parse and
 * write allocated fresh buffers, a quarter of the bytes the bridge allocated per request
 * in the benchmark's profile.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	/**
	 * Buffer sets kept (a few KB each): parses and writes at once beyond this allocate
	 * and drop their own, so a burst of 2,000 connections leaves no 2,000 sets behind.
	 */
	static final int POOLED = 64;

	@Bean
	Jackson2ObjectMapperBuilderCustomizer sharedJsonBuffers() {
		return (builder) -> builder
			.postConfigurer((mapper) -> mapper.getFactory().setRecyclerPool(JsonRecyclerPools.newBoundedPool(POOLED)));
	}

}
