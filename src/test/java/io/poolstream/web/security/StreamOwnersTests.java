package io.poolstream.web.security;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamOwnersTests {

	private final Set<String> streams = new HashSet<>();

	private final AtomicLong now = new AtomicLong();

	private final StreamOwners owners = new StreamOwners(this.streams::contains, 4, this.now::get);


	@Test
	void firstClaimWins() {
		assertThat(this.owners.claim("a", "key:one")).isTrue();
		this.streams.add("a");

		assertThat(this.owners.claim("a", "key:two")).isFalse();
		assertThat(this.owners.claim("a", "key:one")).isTrue();
	}

	@Test
	void earlyClaimBlocksDuringGrace() {
		assertThat(this.owners.claim("new", "key:one")).isTrue();

		assertThat(this.owners.claim("new", "key:two")).isFalse();
		this.now.addAndGet(StreamOwners.CREATION_GRACE.toNanos() + 1);
		assertThat(this.owners.claim("new", "key:two")).isTrue();
	}

	@Test
	void deletedStreamIsFreeAfterGracePeriod() {
		this.owners.claim("a", "key:one");
		this.streams.add("a");
		this.now.addAndGet(StreamOwners.CREATION_GRACE.toNanos() + 1);

		this.streams.remove("a");

		assertThat(this.owners.claim("a", "key:two")).isTrue();
	}

	@Test
	void existingStreamStaysOwnedAfterGracePeriod() {
		this.owners.claim("a", "key:one");
		this.streams.add("a");

		this.now.addAndGet(StreamOwners.CREATION_GRACE.toNanos() * 10);

		assertThat(this.owners.claim("a", "key:two")).isFalse();
	}

	@Test
	void releasedStreamIsFreeAtOnce() {
		this.owners.claim("a", "key:one");

		this.owners.release("a");

		assertThat(this.owners.claim("a", "key:two")).isTrue();
	}

	@Test
	void countsLiveStreamsOfOwner() {
		this.owners.claim("a", "key:one");
		this.owners.claim("b", "key:one");
		this.owners.claim("c", "key:two");
		this.streams.addAll(Set.of("a", "c"));

		assertThat(this.owners.count("key:one", (id) -> true)).isEqualTo(1);
		assertThat(this.owners.count("key:two", (id) -> true)).isEqualTo(1);
		assertThat(this.owners.count("key:one", (id) -> false)).isZero();
	}

	@Test
	void recordsOfAbsentStreamsArePruned() {
		for (int i = 0; i < 5; i++) {
			this.owners.claim("gone-" + i, "key:one");
		}
		this.now.addAndGet(StreamOwners.CREATION_GRACE.toNanos() + 1);

		this.owners.claim("fresh", "key:two");

		assertThat(this.owners.size()).isEqualTo(1);
	}

}
