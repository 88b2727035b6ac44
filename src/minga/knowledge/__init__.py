"""Knowledge engine: multilingual search over the registry and explainable SDG alignment, offline on CPU."""
