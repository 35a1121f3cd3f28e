/** A named application module (compiled at test time by ProgramsIT) with pooled classes. */
module dragonpool.programs.modular {
    requires dragonpool.annotations;

    exports dev.dragonpool.programs.modular.app;
}
