"""The seed's code (the design document, sections 3.1-3.5), run unchanged except for
`import ktrain_lit as ktrain`, the data paths and the checkpoint name, on 200 + 200 real IMDb reviews."""
import numpy as np, pandas as pd

CHECKPOINT = 'sentence-transformers/all-MiniLM-L6-v2'   # the bundled model; the seed names 'bert-base-uncased'


def test_seed_workflow(tmp_path, data):
    from ktrain_lit.data import imdb_sample
    imdb = imdb_sample(tmp_path/'imdb', n_per_class=100, archive=data/'imdb'/'aclImdb_v1_labeled.tar.gz')

    # --- the seed, section 3.1 to 3.5 ---
    import ktrain_lit as ktrain
    from ktrain_lit import text
    (x_train, y_train), (x_test, y_test), preproc = text.texts_from_folder(
        datadir=str(imdb), maxlen=500, preprocess_mode='standard', encode='utf-8')
    model = text.transformer('bert', CHECKPOINT, maxlen=500)
    learner = ktrain.get_learner(model, train_data=(x_train, y_train), val_data=(x_test, y_test))
    learner.fit_onecycle(lr=2e-5, epochs=3)
    cm = learner.validate(class_names=["negative", "positive"])
    predictor = ktrain.get_predictor(learner.model, preproc)
    answer = predictor.predict(["This movie is amazing!"])
    learner.model.save(str(tmp_path/'saved_model'))
    learner.export_to_tfjs(str(tmp_path/'tfjs'))
    learner.export_to_onnx(str(tmp_path/'onnx'))
    # --- end of the seed ---

    assert (len(x_train), len(x_test)) == (200, 200)
    acc = np.trace(cm) / cm.sum()
    print(f'IMDb, 200 reviews, 3 epochs at 2e-5: test accuracy {acc:.3f}')
    assert acc > 0.7, acc                       # it learned (chance is 0.5)
    assert answer == ['pos']                    # preproc's class names are the folder names
    import tensorflow as tf
    served = tf.saved_model.load(str(tmp_path/'saved_model'))
    from ktrain_lit.batches import pad_batch
    enc = model.preprocessor.encode(list(x_test.texts[:8]))   # 'standard' mode: ktrain's word ids, which keep their texts
    x = pad_batch(enc, max(len(i) for i, _ in enc))
    np.testing.assert_allclose(served.serve(x).numpy(), model(x).numpy(), atol=1e-5)
    # the other exports verified themselves against Keras when written; they serve raw reviews like the predictor
    from ktrain_lit.onnx_predictor import OnnxPredictor
    from ktrain_lit.tfjs import run_tfjs
    reviews = list(x_test.texts[:4])
    np.testing.assert_allclose(OnnxPredictor(tmp_path/'onnx').predict_proba(reviews), predictor.predict_proba(reviews), atol=1e-4)
    np.testing.assert_allclose([o['proba'] for o in run_tfjs(tmp_path/'tfjs', *reviews)], predictor.predict_proba(reviews), atol=1e-4)


def test_seed_texts_from_array_csv(data):
    "Section 3.1's second block: `texts_from_array` on columns of a pandas CSV."
    from ktrain_lit import text
    df = pd.read_csv(data/'imdb'/'imdb_subset_train_1000.csv')
    (x_train, y_train), (x_test, y_test), preproc = text.texts_from_array(
        x_train=df['text'].values, y_train=df['label'].values, class_names=['neg', 'pos'],
        preprocess_mode='bert', maxlen=256, val_pct=0.1, random_state=0)
    assert (len(x_train), len(x_test)) == (900, 100)
    assert preproc.class_names == ['neg', 'pos'] and set(np.unique(y_train)) == {0, 1}
    assert preproc.tokenizer.maxlen == 256
