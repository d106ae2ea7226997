/*
 * Drop-in replacement for the class of the same name in scheduler-api 13.0.3.
 *
 * The original discovers JobValidatorService providers with
 * javax.imageio.spi.ServiceRegistry, which on Java 9+ only accepts ImageIO SPI
 * classes and makes JobFactory.createJob fail with ExceptionInInitializerError.
 * This version keeps the same public API and reads the same
 * META-INF/services entries with java.util.ServiceLoader. It must come before
 * the SDK jars on the classpath to shadow the original.
 */
package org.ow2.proactive.scheduler.common.job.factories.spi;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.apache.log4j.Logger;

import com.google.common.collect.ImmutableMap;

public class JobValidatorRegistry {

    private static final Logger logger = Logger.getLogger(JobValidatorRegistry.class);

    private static final int MAX_FAILURES = 100;

    protected static ImmutableMap<String, JobValidatorService> jobValidators;

    private JobValidatorRegistry() {
        load();
    }

    /** Loads every registered provider; a broken one is logged and skipped, as upstream does. */
    public void load() {
        ImmutableMap.Builder<String, JobValidatorService> builder = ImmutableMap.builder();
        ClassLoader loader = JobValidatorRegistry.class.getClassLoader();
        Iterator<JobValidatorService> providers = ServiceLoader.load(JobValidatorService.class, loader)
                                                               .iterator();
        // A provider that fails to load is skipped; the cap guards against an iterator that
        // keeps failing on the same entry.
        int failures = 0;
        while (failures < MAX_FAILURES) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                JobValidatorService provider = providers.next();
                String name = provider.getClass().getCanonicalName();
                logger.debug("Job Validator Factory provider <" + name + "> found");
                builder.put(name, provider);
            } catch (ServiceConfigurationError | RuntimeException e) {
                failures++;
                logger.error("Failed to load job validator factory: " + e);
            }
        }
        jobValidators = builder.build();
        if (logger.isInfoEnabled()) {
            logger.info("[JobValidatorRegistry] job validators registered : " + jobValidators.keySet());
        }
    }

    public static synchronized JobValidatorRegistry getInstance() {
        return LazyHolder.INSTANCE;
    }

    public ImmutableMap<String, JobValidatorService> getRegisteredFactories()
            throws IllegalAccessException, InstantiationException {
        return jobValidators;
    }

    private static class LazyHolder {
        private static final JobValidatorRegistry INSTANCE = new JobValidatorRegistry();
    }
}
