// The schools and teachers registries: reference codes, filters and ratings.
