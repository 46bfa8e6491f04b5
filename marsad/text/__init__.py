"""Text stages: normalisation with offset maps, sentence splitting, tokens and clitics."""
