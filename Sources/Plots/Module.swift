// Role: placeholder until the module lands.
