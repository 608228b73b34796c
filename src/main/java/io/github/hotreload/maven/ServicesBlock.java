package io.github.hotreload.maven;

import io.github.hotreload.config.ServiceDefinition;
import java.util.ArrayList;
import java.util.List;

/** What Maven's bean configurator fills from a {@code <configuration>}: its {@code <services>}. */
public final class ServicesBlock {

    private List<ServiceDefinition> services = new ArrayList<>();

    public List<ServiceDefinition> getServices() {
        return services;
    }

    public void setServices(List<ServiceDefinition> services) {
        this.services = services == null ? new ArrayList<>() : new ArrayList<>(services);
    }
}
