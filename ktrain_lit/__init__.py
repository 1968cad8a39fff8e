"ktrain's workflow for transformer text models on Keras 3 + keras-hub: `import ktrain_lit as ktrain`."
__version__ = "0.1.0"
