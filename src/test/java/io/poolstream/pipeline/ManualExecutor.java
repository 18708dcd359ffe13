package io.poolstream.pipeline;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Holds submitted tasks until a test runs them on its own thread, so every queue state is exact.
 */
final class ManualExecutor implements Executor {

	private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();


	@Override
	public synchronized void execute(Runnable task) {
		this.tasks.add(task);
	}

	synchronized int pending() {
		return this.tasks.size();
	}

	/**
	 * Runs the oldest task, returning false when there was none.
	 */
	boolean runOne() {
		Runnable task;
		synchronized (this) {
			task = this.tasks.poll();
		}
		if (task == null) {
			return false;
		}
		task.run();
		return true;
	}

}
